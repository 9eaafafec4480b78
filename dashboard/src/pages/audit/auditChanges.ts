/** One field's change in an audit entry, values as compact JSON ("" when absent on that side). */
export interface AuditChange {
  readonly field: string
  readonly before: string
  readonly after: string
}

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)
const show = (u: unknown): string => (u === undefined ? "" : JSON.stringify(u))

/** The fields whose values differ between `oldValues` and `newValues`, in key order. */
export const auditChanges = (entry: {
  readonly oldValues: unknown
  readonly newValues: unknown
}): ReadonlyArray<AuditChange> => {
  const before = isRecord(entry.oldValues) ? entry.oldValues : {}
  const after = isRecord(entry.newValues) ? entry.newValues : {}
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return fields
    .map((field) => ({ field, before: show(before[field]), after: show(after[field]) }))
    .filter((change) => change.before !== change.after)
}
