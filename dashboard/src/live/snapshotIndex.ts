import type { LiveMapSnapshot } from "../api/types"

/** Built once per `ids` array: live updates keep that array, so one snapshot's index serves them all. */
const indexes = new WeakMap<ReadonlyArray<string>, ReadonlyMap<string, number>>()

/** Where each vehicle sits in a snapshot's columns. */
export const snapshotIndex = (snapshot: Pick<LiveMapSnapshot, "ids">): ReadonlyMap<string, number> => {
  const known = indexes.get(snapshot.ids)
  if (known !== undefined) return known
  const index = new Map(snapshot.ids.map((id, i) => [id, i] as const))
  indexes.set(snapshot.ids, index)
  return index
}
