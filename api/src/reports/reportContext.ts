import type { ReportQuery } from "@fleetcore/contract"
import type { ClickHouseClient } from "@fleetcore/platform"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { type OrgBooks, orgBooks } from "../expenses/orgBooks.js"
import { dayIn, type ReportPeriod, reportPeriod } from "./reportPeriod.js"
import { type ReportScope, reportScope } from "./reportScope.js"

/** What every report starts from: the caller's books, the period, and the vehicles in scope. */
export interface ReportContext {
  readonly c: pg.ClientBase
  readonly ch: ClickHouseClient
  readonly principal: Principal
  readonly books: OrgBooks
  readonly period: ReportPeriod
  readonly scope: ReportScope
  /** The organisation's current day ("YYYY-MM-DD"), from which expiries are counted. */
  readonly today: string
  /** The query as asked, for a report's own options (`groupBy`). */
  readonly query: typeof ReportQuery.Type
}

/** Resolves the period in the organisation's time zone and the filters, on a `withOrg` connection. */
export const reportContext = async (
  c: pg.ClientBase,
  ch: ClickHouseClient,
  principal: Principal,
  q: typeof ReportQuery.Type,
  now: Date,
): Promise<ReportContext> => {
  const books = await orgBooks(c, principal.orgId)
  const today = dayIn(books.timezone, now)
  const period = reportPeriod(q, today)
  const scope = await reportScope(c, principal, q, period)
  return { c, ch, principal, books, period, scope, today, query: q }
}
