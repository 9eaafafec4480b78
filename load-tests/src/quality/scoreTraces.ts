import type { Category } from "./categories.js"
import type { LabelledTrace } from "./labels.js"
import { runRules } from "./runRules.js"
import { type QualityScore, type ScoredTrace, scoreFleet } from "./scoreFleet.js"

/**
 * Runs the engine's rules over every trace and scores them. Traces are consumed one at a time and
 * their records let go once run, so a generator of a large fleet stays within memory.
 */
export const scoreTraces = (
  traces: Iterable<LabelledTrace>,
  categories: ReadonlyArray<Category>,
): QualityScore => {
  const scored: ScoredTrace[] = []
  for (const trace of traces) {
    scored.push({ trace: { ...trace, records: [] }, run: runRules(trace), records: trace.records.length })
  }
  return scoreFleet(scored, categories)
}
