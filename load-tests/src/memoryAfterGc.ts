import WebSocket from "ws"

export interface MemoryAfterGc {
  /** Resident set size after the collection (V8 may keep freed pages: an upper bound). */
  readonly rssBytes: number
  /** What the JavaScript heap holds live, plus the memory outside it that JavaScript objects own. */
  readonly heapUsedBytes: number
  readonly externalBytes: number
}

/**
 * Asks a Node process started with `--inspect=127.0.0.1:<port>` (the DevTools protocol) to collect
 * all its garbage, then reads its `process.memoryUsage()`. Resident memory alone is noise here:
 * the server's young generation grows to 128 MiB under load and is released only as V8 sees fit,
 * so two readings a minute apart differ by more than 10,000 idle connections hold.
 */
export const memoryAfterGc = async (inspectPort: number): Promise<MemoryAfterGc> => {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as Array<{
    readonly webSocketDebuggerUrl: string
  }>
  const url = targets[0]?.webSocketDebuggerUrl
  if (url === undefined) throw new Error(`no inspector target on port ${inspectPort}`)
  const socket = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve())
    socket.once("error", reject)
  })
  let nextId = 1
  const call = (method: string, params: object = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as {
          id?: number
          result?: unknown
          error?: { message: string }
        }
        if (message.id !== id) return
        socket.off("message", onMessage)
        if (message.error !== undefined) reject(new Error(`${method}: ${message.error.message}`))
        else resolve(message.result)
      }
      socket.on("message", onMessage)
      socket.send(JSON.stringify({ id, method, params }))
    })
  try {
    // Twice: what the first collection's finalisers release is collected by the second.
    await call("HeapProfiler.collectGarbage")
    await call("HeapProfiler.collectGarbage")
    const evaluated = (await call("Runtime.evaluate", {
      expression: "JSON.stringify(process.memoryUsage())",
      returnByValue: true,
    })) as { result: { value: string } }
    const usage = JSON.parse(evaluated.result.value) as { rss: number; heapUsed: number; external: number }
    return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, externalBytes: usage.external }
  } finally {
    socket.close()
  }
}
