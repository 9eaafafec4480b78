import { createServer, type Socket } from "node:net"

/** A tracker protocol's TCP listener: the port it got and a close that ends every connection. */
export interface TcpListener {
  readonly port: number
  /** Stops listening and destroys every open connection (devices resend what was not acknowledged). */
  readonly close: () => Promise<void>
}

/** Listens on `host:port` (0: any free port) and hands each connection to `session`. */
export const listenTcp = async (
  host: string,
  port: number,
  session: (socket: Socket) => void,
): Promise<TcpListener> => {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
    session(socket)
  })
  await new Promise<void>((ok, fail) => {
    server.once("error", fail)
    server.listen(port, host, () => {
      server.off("error", fail)
      ok()
    })
  })
  const address = server.address()
  return {
    port: typeof address === "object" && address !== null ? address.port : port,
    close: async () => {
      const closing = new Promise<void>((ok) => server.close(() => ok()))
      for (const socket of sockets) socket.destroy()
      await closing
    },
  }
}
