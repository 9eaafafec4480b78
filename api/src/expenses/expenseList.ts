import type { endpoints, TypeOf } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import type pg from "pg"
import { contains } from "../db/contains.js"
import { pageOf } from "../db/listPage.js"
import { pageRows, preparedQuery, preparedRows } from "../db/preparedRows.js"
import { firstRow, sql } from "../db/sql.js"
import { settingsView } from "../organisations/organisationSettings.js"
import { expenseRows } from "./expenseViews.js"
import { orgBooks } from "./orgBooks.js"

type ListFilter = TypeOf<(typeof endpoints.expenses.list)["query"]>

export interface ListSort {
  readonly column: string
  readonly direction: "asc" | "desc"
}

/**
 * The expenses a list starts from: all of the organisation's, or those whose vendor or description
 * contains `q`. The search runs in expenses_search, inside the caller's organisation, where it can
 * use the trigram indexes that row-level security keeps a LIKE from using; it returns only the
 * columns a list filters, orders and sums by (id, vehicle_id, driver_id, category, currency,
 * spent_on, spent_at, amount, org_amount, vendor): a search reads its page's rows whole by id.
 */
const expensesFrom = (q: string | undefined) => {
  const all = sql.selectFrom("expenses as e")
  if (q === undefined || q === "") return all
  return sql.selectFrom(raw`expenses_search(${contains(q)})`.as("e")) as unknown as typeof all
}

/** The expenses the list's filters keep (alias `e`). */
const filtered = (f: ListFilter) => {
  let query = expensesFrom(f.q)
  if (f.vehicleId) query = query.where("e.vehicle_id", "=", f.vehicleId)
  if (f.driverId) query = query.where("e.driver_id", "=", f.driverId)
  if (f.category) query = query.where("e.category", "=", f.category)
  if (f.currency) query = query.where("e.currency", "=", f.currency)
  if (f.from) query = query.where("e.spent_on", ">=", f.from)
  if (f.to) query = query.where("e.spent_on", "<=", f.to)
  return query
}

/**
 * The order of a list of expenses or refuels: by date it is day, time and id all one way (one index
 * serves a period and its order); by another column, nulls last, then id.
 */
export const expenseOrder = (sort: ListSort) => {
  const direction = raw.raw(sort.direction === "desc" ? "DESC" : "ASC")
  return sort.column === "e.spent_on"
    ? raw`e.spent_on ${direction}, e.spent_at ${direction}, e.id ${direction}`
    : raw`${raw.ref(sort.column)} ${direction} NULLS LAST, e.id`
}

/**
 * The count and organisation-currency sum of the expenses `f` keeps: from the daily totals
 * (expense_days, kept by triggers) when every filter is part of a day's key (category, currency,
 * period), else from the expenses themselves.
 */
const totalsOf = (f: ListFilter) => {
  if (f.vehicleId || f.driverId) {
    return filtered(f).select([
      raw<string>`coalesce(sum(e.org_amount), 0)::numeric(16, 2)::text`.as("org_amount"),
      raw<string>`count(*)`.as("count"),
      raw<string>`count(*) FILTER (WHERE e.org_amount IS NULL)`.as("unconverted"),
    ])
  }
  let days = sql.selectFrom("expense_days as d")
  if (f.category) days = days.where("d.category", "=", f.category)
  if (f.currency) days = days.where("d.currency", "=", f.currency)
  if (f.from) days = days.where("d.day", ">=", f.from)
  if (f.to) days = days.where("d.day", "<=", f.to)
  return days.select([
    raw<string>`coalesce(sum(d.org_amount), 0)::numeric(16, 2)::text`.as("org_amount"),
    raw<string>`coalesce(sum(d.expenses), 0)`.as("count"),
    raw<string>`coalesce(sum(d.unconverted), 0)`.as("unconverted"),
  ])
}

/**
 * A search's page ids and totals from one call of expenses_search: the matches are read once
 * (a common vendor matches thousands), not once for the page and again for the totals. Both
 * statements are prepared (the pattern and the ids are parameters, the page bounds literal), so
 * each pooled connection plans them once.
 */
const searchPage = async (
  c: pg.ClientBase,
  f: ListFilter,
  order: ReturnType<typeof expenseOrder>,
  orgId: string,
) => {
  const { page, pageSize, offset } = pageOf(f)
  const [found] = await pageRows(
    c,
    sql
      .with(
        (cte) => cte("m").materialized(),
        () => filtered(f).selectAll("e"),
      )
      .selectFrom("m as e")
      .select((eb) => [
        raw<
          string[]
        >`ARRAY(${eb.selectFrom("m as e").select("e.id").orderBy(order).limit(raw.lit(pageSize)).offset(raw.lit(offset))})`.as(
          "ids",
        ),
        raw<string>`coalesce(sum(e.org_amount), 0)::numeric(16, 2)::text`.as("org_amount"),
        raw<string>`count(*)`.as("count"),
        raw<string>`count(*) FILTER (WHERE e.org_amount IS NULL)`.as("unconverted"),
        currencySetting(orgId),
      ]),
    page,
  )
  const ids = found?.ids ?? []
  return {
    items:
      ids.length === 0
        ? []
        : await preparedRows(c, expenseRows().where(raw<boolean>`e.id = ANY(${ids}::uuid[])`).orderBy(order)),
    totals: found,
    currency: found === undefined ? (await orgBooks(c, orgId)).currency : currencyOf(found.currency_setting),
  }
}

/** Rows a date-ordered read may pass to find a page of matches; past that the trigram search is cheaper. */
const ORDERED_SCAN_ROWS = 3000

interface SearchTotals {
  readonly expenses: string
  readonly org_amount: string
  readonly unconverted: string
  readonly scope: string
  readonly currency_setting: unknown
}

/**
 * A search the vendors' totals answer (no vehicle, driver or period filter): its totals from
 * expense_search_totals (a vendor's few rows, not its thousands of expenses). Newest first (the
 * default order), a page of a frequent match is then read in date order, stopping at the page's end
 * (expenses_search_newest): `scope` (the expenses the filters keep, matching or not) over the matches
 * tells how far that reads. Rare matches and other orders take their page from the trigram search
 * (`searchPage`).
 */
const totalledSearchPage = async (
  c: pg.ClientBase,
  f: ListFilter,
  sort: ListSort,
  order: ReturnType<typeof expenseOrder>,
  orgId: string,
) => {
  const { pageSize, offset } = pageOf(f)
  const pattern = contains(f.q ?? "")
  const only = [f.category ?? null, f.currency ?? null]
  const [found] = await preparedQuery<SearchTotals>(
    c,
    `SELECT t.expenses::text AS expenses, t.org_amount::numeric(16, 2)::text AS org_amount,
            t.unconverted::text AS unconverted, t.scope::text AS scope,
            (SELECT o.settings->'currency' FROM organisations o WHERE o.id = $4) AS currency_setting
     FROM expense_search_totals($1, $2, $3) t`,
    [pattern, ...only, orgId],
  )
  const count = Number(found?.expenses ?? 0)
  const newestFirst = sort.column === "e.spent_on" && sort.direction === "desc"
  const reads = count === 0 ? 0 : ((offset + pageSize) * Number(found?.scope ?? 0)) / count
  if (!newestFirst || reads > ORDERED_SCAN_ROWS) return searchPage(c, f, order, orgId)
  const items =
    offset >= count
      ? []
      : await preparedRows(
          c,
          expenseRows()
            .where(
              raw<boolean>`e.id = ANY(ARRAY(SELECT expenses_search_newest(${pattern}, ${only[0]}, ${only[1]}, ${pageSize}, ${offset})))`,
            )
            .orderBy(order),
        )
  return {
    items,
    totals: { org_amount: found?.org_amount ?? "0", count, unconverted: found?.unconverted ?? "0" },
    currency: currencyOf(found?.currency_setting),
  }
}

/** The organisation's `currency` setting as stored (JSON), read beside a list's rows. */
const currencySetting = (orgId: string) =>
  raw<unknown>`(SELECT o.settings->'currency' FROM organisations o WHERE o.id = ${orgId})`.as(
    "currency_setting",
  )

/** The currency of the organisation's books from its stored setting (as `orgBooks` reads it). */
const currencyOf = (stored: unknown): string => settingsView({ currency: stored }).currency

interface Totals {
  readonly org_amount: string
  readonly count: string | number
  readonly unconverted: string | number
}

/**
 * A page without a search, in one statement: the rows, and beside each the totals of everything the
 * filters keep and the organisation's currency (uncorrelated subqueries: computed once, not per
 * row). Prepared, the bounds literal. An empty page carries neither: they are then read on their own.
 */
const plainPage = async (
  c: pg.ClientBase,
  f: ListFilter,
  order: ReturnType<typeof expenseOrder>,
  orgId: string,
) => {
  const { page, pageSize, offset } = pageOf(f)
  const items = await pageRows(
    c,
    expenseRows()
      .where(
        "e.id",
        "in",
        filtered(f).select("e.id").orderBy(order).limit(raw.lit(pageSize)).offset(raw.lit(offset)),
      )
      .select([
        raw<Totals>`(SELECT row_to_json(t) FROM (${totalsOf(f)}) t)`.as("list_totals"),
        currencySetting(orgId),
      ])
      .orderBy(order),
    page,
  )
  const first = items[0]
  return first === undefined
    ? { items, totals: await firstRow(c, totalsOf(f)), currency: (await orgBooks(c, orgId)).currency }
    : { items, totals: first.list_totals, currency: currencyOf(first.currency_setting) }
}

/**
 * One page of expenses with their refuels, and the totals of every expense the filters keep. The
 * page's ids are chosen first from the expenses alone; the refuel join then reads those rows only.
 */
export const expensePage = async (c: pg.ClientBase, f: ListFilter, sort: ListSort, orgId: string) => {
  const { page, pageSize } = pageOf(f)
  const order = expenseOrder(sort)
  const { items, totals, currency } = !f.q
    ? await plainPage(c, f, order, orgId)
    : f.vehicleId || f.driverId || f.from || f.to
      ? await searchPage(c, f, order, orgId)
      : await totalledSearchPage(c, f, sort, order, orgId)
  return {
    items,
    page,
    pageSize,
    currency,
    count: Number(totals?.count ?? 0),
    orgAmount: totals?.org_amount ?? "0",
    unconverted: Number(totals?.unconverted ?? 0),
  }
}
