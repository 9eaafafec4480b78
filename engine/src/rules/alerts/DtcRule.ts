/**
 * Diagnostic trouble codes: a code not in the vehicle's active set is new (one event); a code
 * missing from a point that reports its codes is cleared. A point without `dtc` says nothing.
 */
export interface DtcState {
  readonly lastTimeMs: number | null
  readonly active: ReadonlyArray<string>
}
export const initialDtcState: DtcState = { lastTimeMs: null, active: [] }

export const stepDtc = (
  s: DtcState,
  timeMs: number,
  dtc: ReadonlyArray<string> | undefined,
): { state: DtcState; raised: string[]; cleared: string[] } => {
  if (dtc === undefined || (s.lastTimeMs !== null && timeMs <= s.lastTimeMs))
    return { state: s, raised: [], cleared: [] }
  const now = [...new Set(dtc)].sort()
  return {
    state: { lastTimeMs: timeMs, active: now },
    raised: now.filter((c) => !s.active.includes(c)),
    cleared: s.active.filter((c) => !now.includes(c)),
  }
}
