import { createServer } from "node:net"
import { Aedes } from "aedes"

/**
 * The baseline of `bench:ingest --baseline-aedes`: an Aedes broker with its defaults (in-memory
 * persistence, every client allowed) on a plain TCP listener, in its own process as FleetCore is.
 * It tells its parent the port, then answers each "cpu" message with its CPU time in microseconds.
 */
const aedes = await Aedes.createBroker()
const server = createServer(aedes.handle)
server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  process.send?.({ port: typeof address === "object" && address !== null ? address.port : 0 })
})
process.on("message", (message) => {
  if (message !== "cpu") return
  const { user, system } = process.cpuUsage()
  process.send?.({ cpuUs: user + system })
})
process.on("disconnect", () => {
  server.close()
  aedes.close(() => process.exit(0))
})
