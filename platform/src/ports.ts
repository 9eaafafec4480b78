import { readFileSync } from "node:fs"
import { createServer } from "node:net"

const tryListen = (port: number): Promise<number | null> =>
  new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(null))
    server.listen(port, "127.0.0.1", () => {
      const address = server.address()
      const bound = typeof address === "object" && address !== null ? address.port : null
      server.close(() => resolve(bound))
    })
  })

/** The lowest port the OS hands out to outgoing connections (Linux says it; 32768 elsewhere). */
const ephemeralLow = (): number => {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0])
    return Number.isInteger(low) && low > 2048 ? low : 32768
  } catch {
    return 32768
  }
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, below the OS's ephemeral range: every caller
 * listens on it later (after a start, or again after a restart), and a port from the ephemeral range
 * may meanwhile become the local end of some other process's outgoing connection (a test once failed
 * so: EADDRINUSE on a Teltonika port picked before its FleetCore had started).
 */
export const restartablePort = async (): Promise<number> => {
  const low = 10_000
  const high = ephemeralLow() - 1
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await tryListen(low + Math.floor(Math.random() * (high - low)))
    if (port !== null) return port
  }
  throw new Error(`no free port on 127.0.0.1 between ${low} and ${high}`)
}
