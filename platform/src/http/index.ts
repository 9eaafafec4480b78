export * from "./HttpError.js"
export * from "./route.js"
