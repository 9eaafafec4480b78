/**
 * How a simulated Teltonika device answers the GPRS commands FleetCore sends it in Codec 12 (the
 * types of docs/devices.md, "Commands"; answer texts shaped as an FMB's, wiki "FMB SMS/GPRS command
 * list"). `null`: the device carries the command out without answering (cpureset: it restarts).
 */
export interface SimulatedTeltonikaState {
  readonly imei: string
  readonly startedAtMs: number
  readonly nowMs: number
  /** The last point reported, if any. */
  readonly last: { readonly lat: number; readonly lon: number; readonly speedKmh: number } | null
  /** The digital outputs, DOUT1 first. */
  readonly outputs: ReadonlyArray<boolean>
}

export type TeltonikaCommandEffect =
  | { readonly kind: "answer"; readonly text: string; readonly outputs?: ReadonlyArray<boolean> }
  | { readonly kind: "restart" }

export const answerTeltonikaCommand = (text: string, s: SimulatedTeltonikaState): TeltonikaCommandEffect => {
  const [name = "", ...args] = text.trim().split(/\s+/u)
  switch (name.toLowerCase()) {
    case "getver":
      return { kind: "answer", text: `Ver:03.29.00_00 Hw:FMB920 (simulated) IMEI:${s.imei}` }
    case "getinfo":
      return {
        kind: "answer",
        text: `RTC:${new Date(s.nowMs).toISOString().slice(0, 19)} Uptime:${Math.round((s.nowMs - s.startedAtMs) / 1000)}s`,
      }
    case "getstatus":
      return { kind: "answer", text: "Data Link: 1 GPRS: 1 Phone: 0 SIM: 0 OP: 40101 Signal: 5 Roaming: 0" }
    case "getgps":
      return {
        kind: "answer",
        text:
          s.last === null
            ? "GPS:0 Sat:0"
            : `GPS:1 Sat:10 Lat:${s.last.lat.toFixed(6)} Long:${s.last.lon.toFixed(6)} Speed:${s.last.speedKmh}`,
      }
    case "setdigout": {
      // One character per output: 1 on, 0 off, ? unchanged (wiki "setdigout").
      const wanted = args[0] ?? ""
      if (!/^[01?]{1,2}$/u.test(wanted)) return { kind: "answer", text: "Wrong parameter" }
      const outputs = s.outputs.map((on, i) => {
        const c = wanted[i]
        return c === "1" ? true : c === "0" ? false : on
      })
      const text = outputs
        .map(
          (on, i) => `DOUT${i + 1}:${wanted[i] === undefined || wanted[i] === "?" ? "IGNORED" : on ? 1 : 0}`,
        )
        .join(" ")
      return { kind: "answer", text, outputs }
    }
    case "cpureset":
      return { kind: "restart" }
    default:
      return { kind: "answer", text: `Unknown command: ${name.slice(0, 64)}` }
  }
}
