/** One OsmAnd request taken apart: who sent it and its points (plain objects; the ingress validates). */
export type OsmAndRequest =
  | { readonly ok: true; readonly id: string; readonly points: ReadonlyArray<Record<string, unknown>> }
  | { readonly ok: false; readonly field: string; readonly message: string }

/** Knots (the query form's speed) → m/s. */
export const KNOT_MPS = 1852 / 3600

/** Most extra parameters kept in `attrs`; the rest are ignored. */
export const MAX_EXTRA_ATTRS = 32

/** Longest device id read (the identifier column holds 64 characters). */
export const MAX_OSMAND_ID = 64

export const invalid = (field: string, message: string): OsmAndRequest => ({ ok: false, field, message })

/**
 * A timestamp as OsmAnd apps send it: seconds since 1970 (Traccar Client), milliseconds when the
 * number is that large, or an ISO 8601 date-time. null when it is none of those.
 */
export const parseTimestamp = (text: string): number | null => {
  if (/^\d{1,16}(\.\d+)?$/u.test(text)) {
    const n = Number(text)
    return Math.round(n > 1e11 ? n : n * 1000)
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/u.test(text)) return null
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? null : ms
}

/** A finite decimal number, or null. */
export const parseNumber = (text: string): number | null => {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/u.test(text.trim())) return null
  const n = Number(text)
  return Number.isFinite(n) ? n : null
}
