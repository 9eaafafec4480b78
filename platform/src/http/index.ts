export * from "./HttpError.js"
export * from "./RouteTable.js"
export * from "./route.js"
