import WebSocket from "ws"

export interface InspectorSession {
  /** Calls a DevTools protocol method and resolves with its result. */
  readonly call: (method: string, params?: object) => Promise<unknown>
  /** Listens to a protocol event (`HeapProfiler.addHeapSnapshotChunk`, …). */
  readonly on: (event: string, listener: (params: unknown) => void) => void
}

/** Opens a DevTools protocol session with a Node process started with `--inspect=127.0.0.1:<port>`. */
export const withInspector = async <A>(
  inspectPort: number,
  use: (session: InspectorSession) => Promise<A>,
): Promise<A> => {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as Array<{
    readonly webSocketDebuggerUrl: string
  }>
  const url = targets[0]?.webSocketDebuggerUrl
  if (url === undefined) throw new Error(`no inspector target on port ${inspectPort}`)
  const socket = new WebSocket(url, { maxPayload: 256 * 1024 * 1024 })
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve())
    socket.once("error", reject)
  })
  let nextId = 1
  const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>()
  const listeners = new Map<string, Array<(params: unknown) => void>>()
  socket.on("message", (data: WebSocket.RawData) => {
    const message = JSON.parse(data.toString()) as {
      id?: number
      method?: string
      params?: unknown
      result?: unknown
      error?: { message: string }
    }
    if (message.id === undefined) {
      for (const listener of listeners.get(message.method ?? "") ?? []) listener(message.params)
      return
    }
    const waiter = pending.get(message.id)
    pending.delete(message.id)
    if (message.error !== undefined) waiter?.reject(new Error(message.error.message))
    else waiter?.resolve(message.result)
  })
  const session: InspectorSession = {
    call: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve, reject: (e) => reject(new Error(`${method}: ${e.message}`)) })
        socket.send(JSON.stringify({ id, method, params }))
      }),
    on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
  }
  try {
    return await use(session)
  } finally {
    socket.close()
  }
}
