import { type Accessor, createSignal, onCleanup } from "solid-js"
import type { LiveMessage } from "../api/types"

export type LiveStatus = "connecting" | "open" | "reconnecting"

/** The server closes with this code when the session is missing, invalid or expired. */
export const CLOSE_UNAUTHORIZED = 4401
const BASE_DELAY_MS = 500
const MAX_DELAY_MS = 30_000
/** A connection that stayed up this long was healthy: the next failure starts the backoff afresh. */
const HEALTHY_AFTER_MS = 10_000

export interface LiveSocketOptions {
  /** The WebSocket URL; the browser sends the session cookie on the upgrade. */
  readonly url: () => string
  /** Rotates the session after the server refused it with close code 4401. */
  readonly refresh: () => Promise<void>
  readonly onMessage: (message: LiveMessage) => void
  /** Called when a connection opens after an earlier one was lost: catch up on what was missed. */
  readonly onReconnect?: () => void
  /**
   * Called whenever a connection opens, the first one too: for a page whose list was fetched before
   * the socket was up, so that an event between the fetch and the open is not missed for good.
   */
  readonly onOpen?: () => void
  /** Messages that are not positions (a user's notifications), parsed but unchecked. */
  readonly onOther?: (message: unknown) => void
}

const isLiveMessage = (u: unknown): u is LiveMessage =>
  typeof u === "object" &&
  u !== null &&
  "type" in u &&
  ((u.type === "positions" && "positions" in u && Array.isArray(u.positions)) ||
    (u.type === "alert" && "alert" in u && typeof u.alert === "object" && u.alert !== null))

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s, … capped at 30 s. */
export const backoffDelayMs = (attempt: number, random: () => number = Math.random): number =>
  Math.round(Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt) * (0.5 + random() / 2))

/**
 * A WebSocket to the live feed that stays connected while its owner lives: it reconnects with
 * backoff, refreshes the session when the server says it expired (4401), and reconnects at once
 * when the browser comes back online.
 */
export const createLiveSocket = (options: LiveSocketOptions): Accessor<LiveStatus> => {
  const [status, setStatus] = createSignal<LiveStatus>("connecting")
  let socket: WebSocket | undefined
  let timer: number | undefined
  let attempt = 0
  let everOpened = false
  let disposed = false
  let rejected = false

  const scheduleReconnect = () => {
    if (disposed) return
    setStatus(everOpened ? "reconnecting" : "connecting")
    window.clearTimeout(timer)
    timer = window.setTimeout(connect, backoffDelayMs(attempt))
    attempt += 1
  }

  const connect = async () => {
    timer = undefined
    if (rejected) {
      try {
        await options.refresh()
      } catch {
        // Offline or signed out; once signed out the owner unmounts and disposes this socket.
        scheduleReconnect()
        return
      }
      rejected = false
    }
    if (disposed) return
    const ws = new WebSocket(options.url())
    socket = ws
    let openedAtMs: number | undefined

    ws.onopen = () => {
      openedAtMs = Date.now()
      setStatus("open")
      if (everOpened) options.onReconnect?.()
      everOpened = true
      options.onOpen?.()
    }
    ws.onmessage = (event) => {
      if (typeof event.data !== "string") return
      let message: unknown
      try {
        message = JSON.parse(event.data)
      } catch {
        return
      }
      if (isLiveMessage(message)) options.onMessage(message)
      else options.onOther?.(message)
    }
    ws.onclose = (event) => {
      if (socket !== ws) return
      socket = undefined
      if (openedAtMs !== undefined && Date.now() - openedAtMs >= HEALTHY_AFTER_MS) attempt = 0
      if (event.code === CLOSE_UNAUTHORIZED) rejected = true
      scheduleReconnect()
    }
  }

  const onOnline = () => {
    if (timer === undefined) return
    window.clearTimeout(timer)
    attempt = 0
    void connect()
  }
  window.addEventListener("online", onOnline)
  void connect()

  onCleanup(() => {
    disposed = true
    window.removeEventListener("online", onOnline)
    window.clearTimeout(timer)
    const ws = socket
    socket = undefined
    ws?.close(1000, "closed by the dashboard")
  })

  return status
}

/** The live endpoint on the page's own origin (ws: or wss: to match http: or https:). */
export const liveSocketUrl = (): string => {
  const url = new URL("/api/v1/live", window.location.href)
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:"
  return url.href
}
