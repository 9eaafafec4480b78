export * from "./geo.js"
export * from "./routes/almaty.js"
export * from "./Simulator.js"
export * from "./VehicleModel.js"
