import { buffer } from "node:stream/consumers"
import type { DocumentStore } from "@fleetcore/platform"
import type pg from "pg"

/** What heads every exported file: the organisation's name, and its logo (a PNG) when it has one. */
export interface Letterhead {
  readonly orgName: string
  readonly logo: Buffer | null
}

/** The stored logo's bytes, or null when none is set or its bytes are gone. */
export const readLogo = async (store: DocumentStore, key: string | null): Promise<Buffer | null> => {
  if (key === null) return null
  const found = await store.get(key)
  return found === null ? null : buffer(found.body)
}

/**
 * The letterhead of `orgId` (`c` a `withOrg` connection): one read for list exports, report
 * downloads and scheduled reports alike, so every PDF carries the same name and logo.
 */
export const loadLetterhead = async (
  c: pg.ClientBase,
  store: DocumentStore,
  orgId: string,
): Promise<Letterhead> => {
  const org = await c.query<{ name: string; logo_key: string | null }>(
    "SELECT name, logo_key FROM organisations WHERE id = $1",
    [orgId],
  )
  const row = org.rows[0]
  return { orgName: row?.name ?? "", logo: await readLogo(store, row?.logo_key ?? null) }
}
