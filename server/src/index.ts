export * from "./AppConfig.js"
export * from "./FleetCore.js"
export * from "./loadConfig.js"
export * from "./seedDemo.js"
