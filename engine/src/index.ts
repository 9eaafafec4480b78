export * from "./BatchWriter.js"
export * from "./DuplicateFilter.js"
export * from "./Engine.js"
export * from "./VehicleStateStore.js"
