import { ORGANISATION_DEFAULTS } from "@fleetcore/contract"
import { type RawBuilder, sql as raw } from "kysely"

/**
 * Today's date in the time zone of the organisation whose row is `org` in the statement ("o"):
 * an end date "passes" at the organisation's midnight, not the server's or UTC's.
 */
export const orgToday = (org: string): RawBuilder<string> =>
  raw<string>`(now() AT TIME ZONE coalesce(${raw.ref(`${org}.settings`)}->>'timezone', ${ORGANISATION_DEFAULTS.timezone}::text))::date`
