import type { OcrCandidate } from "@fleetcore/contract"

/** The most candidates answered per field. */
export const MAX_CANDIDATES_PER_FIELD = 5

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x))

/**
 * Candidates ready to answer: one per (field, value) with its highest confidence, clamped to 0–1
 * and rounded to 3 decimals, best first within each field, at most `MAX_CANDIDATES_PER_FIELD`
 * each. Fields keep the order in which they first appear.
 */
export const rankCandidates = (found: ReadonlyArray<OcrCandidate>): ReadonlyArray<OcrCandidate> => {
  const best = new Map<string, OcrCandidate>()
  const fields: Array<OcrCandidate["field"]> = []
  for (const c of found) {
    if (c.value === "") continue
    if (!fields.includes(c.field)) fields.push(c.field)
    const key = `${c.field}\u0000${c.value}`
    const confidence = Math.round(clamp01(c.confidence) * 1000) / 1000
    const seen = best.get(key)
    if (seen === undefined || seen.confidence < confidence) best.set(key, { ...c, confidence })
  }
  const all = [...best.values()]
  return fields.flatMap((field) =>
    all
      .filter((c) => c.field === field)
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, MAX_CANDIDATES_PER_FIELD),
  )
}
