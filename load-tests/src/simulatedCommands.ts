/**
 * How a simulated FleetCore device answers the commands it receives on
 * `fleet/v1/devices/{id}/commands` (docs/devices.md, "Commands": `{id, type, params}` in, `{id, ok,
 * text}` out on `commands/response`). Each command does what it says to the simulated vehicle
 * through `controls`; a type it does not know, or a raw text, is answered `ok: false`.
 */
export interface SimulatedDeviceControls {
  /** Where the vehicle is now. */
  readonly position: () => { readonly lat: number; readonly lon: number }
  /** Reports every `ms` from now on. */
  readonly setIntervalMs: (ms: number) => void
  /** Drops the connection after the answer is sent; the client reconnects as a rebooted device would. */
  readonly reboot: () => void
  /** Cuts (true) or restores (false) the engine relay: a cut vehicle stops and stays parked. */
  readonly setRelayCut: (cut: boolean) => void
}

export interface CommandAnswer {
  readonly id: string
  readonly ok: boolean
  readonly text: string
}

/** Shortest and longest report interval a simulated device accepts, seconds. */
const MIN_INTERVAL_S = 1
const MAX_INTERVAL_S = 3600

const parse = (
  payload: Buffer | string,
): { id: string; type: string; params: Record<string, unknown> } | null => {
  try {
    const m = JSON.parse(typeof payload === "string" ? payload : payload.toString("utf8")) as unknown
    if (typeof m !== "object" || m === null) return null
    const { id, type, params } = m as { id?: unknown; type?: unknown; params?: unknown }
    if (typeof id !== "string" || typeof type !== "string") return null
    return {
      id,
      type,
      params: typeof params === "object" && params !== null ? (params as Record<string, unknown>) : {},
    }
  } catch {
    return null
  }
}

/** The answer to one command message, or null when the message is not a command (nothing to answer). */
export const answerCommand = (
  payload: Buffer | string,
  controls: SimulatedDeviceControls,
): CommandAnswer | null => {
  const command = parse(payload)
  if (command === null) return null
  const { id, params } = command
  switch (command.type) {
    case "locate": {
      const p = controls.position()
      return { id, ok: true, text: `position ${p.lat.toFixed(5)},${p.lon.toFixed(5)}` }
    }
    case "setInterval": {
      const seconds = params.seconds
      if (
        typeof seconds !== "number" ||
        !Number.isFinite(seconds) ||
        seconds < MIN_INTERVAL_S ||
        seconds > MAX_INTERVAL_S
      )
        return { id, ok: false, text: `interval must be ${MIN_INTERVAL_S} to ${MAX_INTERVAL_S} s` }
      controls.setIntervalMs(Math.round(seconds * 1000))
      return { id, ok: true, text: `interval is ${seconds} s` }
    }
    case "reboot":
      controls.reboot()
      return { id, ok: true, text: "rebooting" }
    case "engineStop":
      controls.setRelayCut(true)
      return { id, ok: true, text: "engine relay cut" }
    case "engineResume":
      controls.setRelayCut(false)
      return { id, ok: true, text: "engine relay restored" }
    case "raw":
      return { id, ok: false, text: `unknown command: ${String(params.text ?? "").slice(0, 200)}` }
    default:
      return { id, ok: false, text: `unsupported command type ${command.type}` }
  }
}
