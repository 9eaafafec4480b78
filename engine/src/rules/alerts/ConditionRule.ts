/**
 * A condition that must hold for `raiseAfterS` before it is raised, and must be absent for
 * `clearAfterS` before it clears: overspeed, low battery. One raise per episode, one clear after.
 */
export interface ConditionState {
  readonly lastTimeMs: number | null
  readonly active: boolean
  /** When the condition (or, while active, its absence) started; null when stable. */
  readonly changeSinceMs: number | null
  /** The worst value seen in the current episode (for the alert's details). */
  readonly worst: number | null
}

export const initialCondition: ConditionState = {
  lastTimeMs: null,
  active: false,
  changeSinceMs: null,
  worst: null,
}

export type ConditionEvent =
  | { readonly kind: "raise"; readonly timeMs: number; readonly sinceMs: number; readonly worst: number }
  | { readonly kind: "clear"; readonly timeMs: number }

/**
 * `holds` is whether the condition holds at this point (null: the point does not tell), `value`
 * the measured value, `worse` how to compare values within an episode.
 */
export const stepCondition = (
  s: ConditionState,
  timeMs: number,
  holds: boolean | null,
  value: number,
  worse: (a: number, b: number) => boolean,
  raiseAfterS: number,
  clearAfterS: number,
): { state: ConditionState; event: ConditionEvent | null } => {
  if (holds === null || (s.lastTimeMs !== null && timeMs <= s.lastTimeMs)) return { state: s, event: null }
  if (!s.active) {
    if (!holds)
      return { state: { lastTimeMs: timeMs, active: false, changeSinceMs: null, worst: null }, event: null }
    const since = s.changeSinceMs ?? timeMs
    const worst = s.worst === null || worse(value, s.worst) ? value : s.worst
    if (timeMs - since >= raiseAfterS * 1000) {
      return {
        state: { lastTimeMs: timeMs, active: true, changeSinceMs: null, worst },
        event: { kind: "raise", timeMs, sinceMs: since, worst },
      }
    }
    return { state: { lastTimeMs: timeMs, active: false, changeSinceMs: since, worst }, event: null }
  }
  if (holds)
    return { state: { lastTimeMs: timeMs, active: true, changeSinceMs: null, worst: s.worst }, event: null }
  const since = s.changeSinceMs ?? timeMs
  if (timeMs - since >= clearAfterS * 1000) {
    return {
      state: { lastTimeMs: timeMs, active: false, changeSinceMs: null, worst: null },
      event: { kind: "clear", timeMs },
    }
  }
  return { state: { lastTimeMs: timeMs, active: true, changeSinceMs: since, worst: s.worst }, event: null }
}
