import type { TruthEvent, TruthKind } from "./labels.js"

/** Something a rule reported: a fuel event or an alert, at device time. */
export interface Detection {
  readonly type: string
  readonly timeMs: number
  readonly litres?: number
}

/**
 * How a detection is matched to a labelled event:
 * - it must be one of `types`, and of the types `accepts` lists for the event's kind (when it does);
 * - its time must fall in [startMs − beforeMs, deadline], where deadline is `endMs + afterMs`
 *   (fuel) or the event's `within10KmMs` (odometer faults: flagged within 10 km);
 * - each detection matches at most one event and each event one detection: events in start
 *   order take the earliest unmatched detection in their window.
 * A further detection inside a matched event's related window (fuel: the same window; odometer:
 * until 10 km after the fault ended) is a DUPLICATE (a split or repeated report), not a false
 * alarm; a detection in no event's related window is a FALSE ALARM.
 */
export interface MatchRule {
  /** What the rules report for these events (duplicates and false alarms are counted among them). */
  readonly types: ReadonlyArray<string>
  /** Per labelled kind, the types that detect it; kinds not listed accept every one of `types`. */
  readonly accepts?: Readonly<Partial<Record<TruthKind, ReadonlyArray<string>>>>
  readonly beforeMs: number
  readonly afterMs: number
  readonly deadline: "end" | "within10Km"
  /** Amount tolerance: |detected − true| ≤ max(litresTolerance, litresShare × true). */
  readonly litresTolerance: number
  readonly litresShare: number
}

export interface Matched {
  readonly truth: TruthEvent
  readonly detection: Detection
  /** Detection time minus the event's end (start for instantaneous faults), ms. */
  readonly delayMs: number
  /** The amount is within tolerance (true when the event carries none). */
  readonly amountOk: boolean
}

export interface MatchResult {
  readonly matched: ReadonlyArray<Matched>
  readonly missed: ReadonlyArray<TruthEvent>
  readonly duplicates: ReadonlyArray<Detection>
  readonly falseAlarms: ReadonlyArray<Detection>
}

const deadlineOf = (e: TruthEvent, rule: MatchRule): number =>
  rule.deadline === "end" ? e.endMs + rule.afterMs : (e.within10KmMs ?? e.endMs)

const relatedUntil = (e: TruthEvent, rule: MatchRule): number =>
  rule.deadline === "end"
    ? e.endMs + rule.afterMs
    : Math.max(e.relatedUntilMs ?? e.endMs, deadlineOf(e, rule))

export const matchEvents = (
  truth: ReadonlyArray<TruthEvent>,
  detections: ReadonlyArray<Detection>,
  rule: MatchRule,
): MatchResult => {
  const candidates = detections.filter((d) => rule.types.includes(d.type)).sort((a, b) => a.timeMs - b.timeMs)
  const used = new Set<Detection>()
  const matched: Matched[] = []
  const missed: TruthEvent[] = []
  for (const e of [...truth].sort((a, b) => a.startMs - b.startMs)) {
    const from = e.startMs - rule.beforeMs
    const to = deadlineOf(e, rule)
    const accepted = rule.accepts?.[e.kind]
    const d = candidates.find(
      (c) =>
        !used.has(c) &&
        c.timeMs >= from &&
        c.timeMs <= to &&
        (accepted === undefined || accepted.includes(c.type)),
    )
    if (d === undefined) {
      missed.push(e)
      continue
    }
    used.add(d)
    const amountOk =
      e.litres === undefined ||
      d.litres === undefined ||
      Math.abs(d.litres - e.litres) <= Math.max(rule.litresTolerance, rule.litresShare * e.litres)
    matched.push({ truth: e, detection: d, delayMs: d.timeMs - e.endMs, amountOk })
  }
  const duplicates: Detection[] = []
  const falseAlarms: Detection[] = []
  for (const d of candidates) {
    if (used.has(d)) continue
    const related = truth.some(
      (e) => d.timeMs >= e.startMs - rule.beforeMs && d.timeMs <= relatedUntil(e, rule),
    )
    if (related) duplicates.push(d)
    else falseAlarms.push(d)
  }
  return { matched, missed, duplicates, falseAlarms }
}

const MIN = 60_000

/** Fuel events: within 5 min before the start to 30 min after the end; litres within max(3 L, 20 %). */
export const FUEL_MATCH: Omit<MatchRule, "types"> = {
  beforeMs: 5 * MIN,
  afterMs: 30 * MIN,
  deadline: "end",
  litresTolerance: 3,
  litresShare: 0.2,
}

/**
 * Odometer faults: an alert of a kind that names the fault, from 1 min before it until 10 km were
 * driven after it began. A freeze or tampering is flagged by a mismatch (or a kind of its own, once
 * the rules raise one); a rollback only by a rollback, a jump only by a jump. A jump alert when a
 * frozen odometer comes back is not a detection of the freeze (issue 10, finding 4): inside the
 * fault's related window it is a duplicate, elsewhere a false alarm.
 */
export const ODOMETER_MATCH: Omit<MatchRule, "types"> = {
  accepts: {
    odometer_rollback: ["odometer_rollback"],
    odometer_jump: ["odometer_jump"],
    odometer_tamper: ["odometer_mismatch", "odometer_tamper"],
    odometer_frozen: ["odometer_mismatch", "odometer_frozen"],
  },
  beforeMs: MIN,
  afterMs: 0,
  deadline: "within10Km",
  litresTolerance: 0,
  litresShare: 0,
}
