import { endpoints, explanationText, languageOf, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { orgBooks } from "./orgBooks.js"
import { parseRatesCsv } from "./parseRatesCsv.js"
import { repriceCurrency } from "./reprice.js"

const rates = () =>
  sql
    .selectFrom("currency_rates")
    .select((eb) => [
      "id",
      "currency",
      "base",
      eb.cast<string>("rate_on", "text").as("rate_on"),
      raw<string>`trim_scale(rate)::text`.as("rate"),
      "created_by",
      "created_at",
    ])

type RateRow = Awaited<ReturnType<ReturnType<typeof rates>["executeTakeFirstOrThrow"]>>

const rateView = (r: RateRow) => ({
  id: r.id,
  currency: r.currency,
  base: r.base,
  date: r.rate_on,
  rate: r.rate,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
})

const SORTS = { date: "rate_on", currency: "currency" } as const

/**
 * Rates against the organisation's currency. Every change converts the expenses of that currency
 * again, in the same transaction, so an expense never shows a rate that no longer exists.
 */
export const registerCurrencyRateRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.currencyRates.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "rate_on", direction: "desc" })
    const page = await db.withOrg(p.orgId, async (c) => {
      const books = await orgBooks(c, p.orgId)
      let query = rates()
        .where("base", "=", books.currency)
        .orderBy(sort.column, sort.direction)
        .orderBy("currency")
      if (f.currency) query = query.where("currency", "=", f.currency)
      if (f.q) query = query.where("currency", "ilike", contains(f.q.trim()))
      if (f.from) query = query.where("rate_on", ">=", f.from)
      if (f.to) query = query.where("rate_on", "<=", f.to)
      return listPage(c, query, f)
    })
    return { body: { ...page, items: page.items.map(rateView) } }
  })

  serve(app, deps, endpoints.currencyRates.create, async ({ principal: p, body: b, request }) => {
    const row = await db.withOrg(p.orgId, async (c) => {
      const books = await orgBooks(c, p.orgId)
      if (b.currency === books.currency) {
        throw refuse(
          400,
          "FLEET_CURRENCY_RATE_INVALID",
          "currency",
          reason("ownCurrency", { currency: b.currency }),
        )
      }
      let id: string
      try {
        await c.query("SAVEPOINT rate_insert")
        const inserted = await firstRow(
          c,
          sql
            .insertInto("currency_rates")
            .values({
              org_id: p.orgId,
              currency: b.currency,
              base: books.currency,
              rate_on: b.date,
              rate: b.rate,
              created_by: p.userId,
            })
            .returning("id"),
        )
        id = inserted?.id as string
      } catch (e) {
        if (!isUniqueViolation(e)) throw e
        await c.query("ROLLBACK TO SAVEPOINT rate_insert")
        throw new HttpError(
          409,
          "FLEET_CURRENCY_RATE_EXISTS",
          `a ${b.currency} rate for ${b.date} exists`,
          "date",
        )
      }
      await repriceCurrency(c, b.currency)
      const row = await firstRow(c, rates().where("id", "=", id))
      if (row === undefined) throw new Error("the rate was not stored")
      await audit(c, p, request, {
        action: "currency-rate.create",
        entity: "currency_rate",
        entityId: id,
        newValues: rateView(row),
      })
      return row
    })
    return { body: rateView(row) }
  })

  serve(app, deps, endpoints.currencyRates.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const row = await firstRow(c, rates().where("id", "=", params.id))
      if (row === undefined) throw new HttpError(404, "FLEET_CURRENCY_RATE_NOT_FOUND", "no such rate")
      await c.query("DELETE FROM currency_rates WHERE id = $1", [params.id])
      await repriceCurrency(c, row.currency)
      await audit(c, p, request, {
        action: "currency-rate.delete",
        entity: "currency_rate",
        entityId: params.id,
        oldValues: rateView(row),
      })
    })
    return {}
  })

  serve(app, deps, endpoints.currencyRates.import, async ({ principal: p, body, request }) => {
    const report = await db.withOrg(p.orgId, async (c) => {
      const books = await orgBooks(c, p.orgId)
      const { rows, errors } = parseRatesCsv(body.csv, books.currency)
      let imported = 0
      let replaced = 0
      for (const r of rows) {
        const { rows: upserted } = await c.query<{ inserted: boolean }>(
          `INSERT INTO currency_rates (org_id, currency, base, rate_on, rate, created_by)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (org_id, base, currency, rate_on)
           DO UPDATE SET rate = EXCLUDED.rate, created_by = EXCLUDED.created_by, created_at = now()
           RETURNING (xmax = 0) AS inserted`,
          [p.orgId, r.currency, books.currency, r.date, r.rate, p.userId],
        )
        if (upserted[0]?.inserted) imported++
        else replaced++
      }
      for (const currency of new Set(rows.map((r) => r.currency))) await repriceCurrency(c, currency)
      await audit(c, p, request, {
        action: "currency-rate.import",
        entity: "currency_rate",
        entityId: null,
        details: { imported, replaced, refused: errors.length },
      })
      const language = p.locale ?? languageOf(request.headers.get("accept-language"))
      return {
        imported,
        replaced,
        errors: errors.map((e) => ({
          line: e.line,
          field: e.field,
          message: explanationText({ path: [], ...e.reason }, language),
        })),
      }
    })
    return { body: report }
  })
}
