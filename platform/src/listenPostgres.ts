import pg from "pg"
import type { Log } from "./Log.js"

export interface PostgresListener {
  /** Stops listening and closes the connection. */
  readonly close: () => Promise<void>
}

export interface ListenOptions {
  readonly channels: ReadonlyArray<string>
  readonly onNotification: (channel: string, payload: string | undefined) => void
  /**
   * Called once listening again after the connection dropped: notifications sent meanwhile were
   * lost, so whatever they keep fresh must be refreshed another way.
   */
  readonly onResumed?: () => void
  readonly log: Log
  /** Names the listener in its log lines. */
  readonly name: string
}

/**
 * LISTENs on `channels` over a connection of its own (a pool waits for its clients at shutdown,
 * and this one is held for the life of the process), with the pool's connection settings. A dropped
 * connection is replaced a second later, for as long as the listener is open.
 */
export const listenPostgres = async (pool: pg.Pool, options: ListenOptions): Promise<PostgresListener> => {
  let stopped = false
  let listener: pg.Client | null = null
  let everListened = false
  const listen = async (): Promise<void> => {
    if (stopped) return
    const client = new pg.Client(pool.options)
    listener = client
    const again = () => {
      if (listener !== client) return
      listener = null
      void client.end().catch(() => undefined)
      setTimeout(() => void listen(), 1_000).unref()
    }
    client.on("notification", (message) => options.onNotification(message.channel, message.payload))
    client.on("error", (error) => {
      options.log.warn({ err: error }, `${options.name}: the listener's connection dropped; listening again`)
      again()
    })
    try {
      await client.connect()
      for (const channel of options.channels) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
      if (everListened) options.onResumed?.()
      everListened = true
    } catch (error) {
      options.log.warn({ err: error }, `${options.name}: cannot listen yet; retrying`)
      again()
    }
  }
  await listen()
  return {
    close: async () => {
      stopped = true
      const client = listener
      listener = null
      await client?.end().catch(() => undefined)
    },
  }
}
