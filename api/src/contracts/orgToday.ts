import { ORGANISATION_DEFAULTS } from "@fleetcore/contract"
import { type RawBuilder, sql as raw } from "kysely"

/**
 * Today's date in the time zone of the organisation whose row is `org` in the statement ("o"):
 * an end date "passes" at the organisation's midnight, not the server's or UTC's.
 */
export const orgToday = (org: string): RawBuilder<string> =>
  raw<string>`(now() AT TIME ZONE coalesce(${raw.ref(`${org}.settings`)}->>'timezone', ${ORGANISATION_DEFAULTS.timezone}::text))::date`

/**
 * Today's date in the time zone of the organisation a `withOrg` statement runs for (`app_org_id()`):
 * what the records' lists call today (a rental's expiry, documents and licences expiring within N
 * days), the same day the home page counts. Not correlated with any row, so PostgreSQL computes it
 * once per statement.
 */
export const callerOrgToday = (): RawBuilder<string> =>
  raw<string>`(SELECT ${orgToday("o")} FROM organisations o WHERE o.id = (SELECT app_org_id()))`
