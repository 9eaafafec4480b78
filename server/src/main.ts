import { startServer } from "./startServer.js"

/** `npm start`: every role in one process on embedded defaults unless configured otherwise (FLEET_ROLES). */
startServer(process.env).catch((error: unknown) => {
  console.error("FleetCore failed to start:", error)
  process.exit(1)
})
