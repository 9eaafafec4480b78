export * from "./ocrSampleValues.js"
export * from "./renderOcrSample.js"
export * from "./scoreOcrSample.js"
