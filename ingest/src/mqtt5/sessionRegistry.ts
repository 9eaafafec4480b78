/** How the registry ends a session: taken over by a newer connection, or the server stopping. */
export type SessionEnd = "taken-over" | "shutting-down"

/**
 * The MQTT 5 sessions open on one listener, by client id: a reconnecting device takes over from its
 * stale connection, which gets DISCONNECT 0x8E Session taken over [MQTT-3.1.4-3], and a stopping
 * server can close every session with DISCONNECT 0x8B Server shutting down.
 */
export interface Mqtt5SessionRegistry {
  /** Registers `end` for `clientId`, ending the previous holder's session; returns the release function. */
  readonly claim: (clientId: string, end: (why: SessionEnd) => void) => () => void
  /** Ends every registered session (for a graceful stop, before closing the listener). */
  readonly closeAll: () => void
}

export const makeMqtt5SessionRegistry = (): Mqtt5SessionRegistry => {
  const live = new Map<string, (why: SessionEnd) => void>()
  return {
    claim: (clientId, end) => {
      const previous = live.get(clientId)
      live.set(clientId, end)
      previous?.("taken-over")
      return () => {
        if (live.get(clientId) === end) live.delete(clientId)
      }
    },
    closeAll: () => {
      const ends = [...live.values()]
      live.clear()
      for (const end of ends) end("shutting-down")
    },
  }
}
