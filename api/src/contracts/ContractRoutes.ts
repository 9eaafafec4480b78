import { endpoints, INSURANCE_TYPES, type Reason, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import { contains } from "../db/contains.js"
import { countedPage } from "../db/countedPage.js"
import { sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { contractRows, contractStatus, contractView, daysToEnd } from "./contractViews.js"
import { orgToday } from "./orgToday.js"

type ContractType = (typeof INSURANCE_TYPES)[number] | "leasing" | "rental" | "warranty" | "service_contract"

interface InsuranceInput {
  readonly sumInsured?: string | null
  readonly deductible?: string | null
  readonly coveredRisks?: ReadonlyArray<string>
  readonly policyHolder?: string | null
}

const SORTS = {
  endDate: "c.ends_on",
  startDate: "c.starts_on",
  amount: "c.amount",
  contractor: "c.contractor",
  createdAt: "c.created_at",
} as const

const notFound = (): HttpError => new HttpError(404, "FLEET_CONTRACT_NOT_FOUND", "no such contract")
const invalid = (field: string, why: Reason): HttpError => refuse(400, "FLEET_CONTRACT_INVALID", field, why)
const cancelled = (): HttpError => new HttpError(409, "FLEET_CONTRACT_CANCELLED", "the contract is cancelled")

const isInsurance = (type: ContractType): boolean => INSURANCE_TYPES.includes(type)

/** The end is on or after the start (dates as YYYY-MM-DD compare as text). */
const checkTerm = (start: string, end: string): void => {
  if (end < start) throw invalid("endDate", reason("beforeStart"))
}

/** The coverage columns of a contract of `type`: cleared for a type that is not insurance. */
const coverageColumns = (type: ContractType, coverage: InsuranceInput | null) => ({
  sum_insured: isInsurance(type) ? (coverage?.sumInsured ?? null) : null,
  deductible: isInsurance(type) ? (coverage?.deductible ?? null) : null,
  covered_risks: isInsurance(type) ? [...(coverage?.coveredRisks ?? [])] : [],
  policy_holder: isInsurance(type) ? (coverage?.policyHolder ?? null) : null,
})

const load = async (c: pg.PoolClient, id: string) => {
  const row = await firstRow(c, contractRows().where("c.id", "=", id))
  if (row === undefined) throw notFound()
  return row
}

/** Contracts of the vehicles: CRUD, cancel, renew, and the counts of the home page. */
export const registerContractRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.contracts.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "c.ends_on", direction: "asc" })
    let query = contractRows().orderBy(raw.ref(sort.column), sort.direction).orderBy("c.id")
    if (f.vehicleId) query = query.where("c.vehicle_id", "=", f.vehicleId)
    if (f.type) query = query.where("c.type", "=", f.type)
    if (f.status) query = query.where(contractStatus, "=", f.status)
    if (f.expiringWithinDays !== undefined) {
      query = query
        .where("c.cancelled_at", "is", null)
        .where(daysToEnd, ">=", 0)
        .where(daysToEnd, "<=", Number(f.expiringWithinDays))
    }
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) => eb.or([eb("c.contractor", "ilike", like), eb("c.number", "ilike", like)]))
    }
    const page = await db.withOrg(p.orgId, (c) => countedPage(c, query, f))
    return { body: { ...page, items: page.items.map(contractView) } }
  })

  serve(app, deps, endpoints.contracts.summary, async ({ principal: p, query: f }) => {
    const withinDays = Number(f.withinDays ?? "30")
    const today = orgToday("o")
    const [counts] = await db.withOrg(p.orgId, (c) =>
      rows(
        c,
        sql
          .selectFrom("contracts as c")
          .innerJoin("organisations as o", "o.id", "c.org_id")
          .select([
            raw<string>`count(*) FILTER (WHERE c.cancelled_at IS NULL AND c.ends_on >= ${today} AND c.ends_on <= ${today} + ${withinDays}::int)`.as(
              "expiring",
            ),
            raw<string>`count(*) FILTER (WHERE ${contractStatus} = 'expired')`.as("expired"),
            raw<string>`count(*) FILTER (WHERE ${contractStatus} = 'pending_renewal')`.as("pending_renewal"),
            raw<string>`count(*) FILTER (WHERE ${contractStatus} = 'active')`.as("active"),
          ]),
      ),
    )
    return {
      body: {
        withinDays,
        expiring: Number(counts?.expiring ?? 0),
        expired: Number(counts?.expired ?? 0),
        pendingRenewal: Number(counts?.pending_renewal ?? 0),
        active: Number(counts?.active ?? 0),
      },
    }
  })

  serve(app, deps, endpoints.contracts.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) => load(c, params.id))
    return { body: contractView(row) }
  })

  serve(app, deps, endpoints.contracts.create, async ({ principal: p, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
      checkTerm(b.startDate, b.endDate)
      if (b.insurance && !isInsurance(b.type)) throw invalid("insurance", reason("insuranceOnly"))
      const inserted = await firstRow(
        c,
        sql
          .insertInto("contracts")
          .values({
            org_id: p.orgId,
            vehicle_id: b.vehicleId,
            type: b.type,
            contractor: b.contractor,
            number: b.number ?? null,
            starts_on: b.startDate,
            ends_on: b.endDate,
            amount: b.amount,
            currency: b.currency,
            payment_frequency: b.paymentFrequency,
            auto_renew: b.autoRenew ?? false,
            notes: b.notes ?? null,
            ...coverageColumns(b.type, b.insurance ?? null),
            created_by: p.userId,
          })
          .returning("id"),
      )
      const view = contractView(await load(c, inserted?.id as string))
      await audit(c, p, request, {
        action: "contract.create",
        entity: "contract",
        entityId: view.id,
        newValues: view,
      })
      return view
    })
    return { body: view }
  })

  serve(app, deps, endpoints.contracts.update, async ({ principal: p, params, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const before = contractView(await load(c, params.id))
      if (before.status === "cancelled") throw cancelled()
      if (b.vehicleId) await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
      const type = b.type ?? before.type
      checkTerm(b.startDate ?? before.startDate, b.endDate ?? before.endDate)
      if (b.insurance && !isInsurance(type)) throw invalid("insurance", reason("insuranceOnly"))
      const coverage =
        b.insurance === undefined
          ? b.type === undefined
            ? {}
            : coverageColumns(type, before.insurance)
          : coverageColumns(type, b.insurance)
      await rows(
        c,
        sql
          .updateTable("contracts")
          .set({
            ...(b.vehicleId === undefined ? {} : { vehicle_id: b.vehicleId }),
            type,
            ...(b.contractor === undefined ? {} : { contractor: b.contractor }),
            ...(b.number === undefined ? {} : { number: b.number }),
            ...(b.startDate === undefined ? {} : { starts_on: b.startDate }),
            ...(b.endDate === undefined ? {} : { ends_on: b.endDate }),
            ...(b.amount === undefined ? {} : { amount: b.amount }),
            ...(b.currency === undefined ? {} : { currency: b.currency }),
            ...(b.paymentFrequency === undefined ? {} : { payment_frequency: b.paymentFrequency }),
            ...(b.autoRenew === undefined ? {} : { auto_renew: b.autoRenew }),
            ...(b.notes === undefined ? {} : { notes: b.notes }),
            ...coverage,
            updated_at: new Date(),
          })
          .where("id", "=", params.id),
      )
      const after = contractView(await load(c, params.id))
      await audit(c, p, request, {
        action: "contract.update",
        entity: "contract",
        entityId: params.id,
        oldValues: before,
        newValues: after,
      })
      return after
    })
    return { body: view }
  })

  serve(app, deps, endpoints.contracts.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const before = contractView(await load(c, params.id))
      await c.query("DELETE FROM contracts WHERE id = $1", [params.id])
      await audit(c, p, request, {
        action: "contract.delete",
        entity: "contract",
        entityId: params.id,
        oldValues: before,
      })
    })
    return {}
  })

  serve(app, deps, endpoints.contracts.cancel, async ({ principal: p, params, body, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const before = contractView(await load(c, params.id))
      if (before.status === "cancelled") throw cancelled()
      await c.query(
        "UPDATE contracts SET cancelled_at = now(), cancel_reason = $2, updated_at = now() WHERE id = $1",
        [params.id, body.reason ?? null],
      )
      const after = contractView(await load(c, params.id))
      await audit(c, p, request, {
        action: "contract.cancel",
        entity: "contract",
        entityId: params.id,
        oldValues: { status: before.status, cancelledAt: null },
        newValues: { status: after.status, cancelledAt: after.cancelledAt, cancelReason: after.cancelReason },
      })
      return after
    })
    return { body: view }
  })

  serve(app, deps, endpoints.contracts.renew, async ({ principal: p, params, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const old = contractView(await load(c, params.id))
      if (old.status === "cancelled") throw cancelled()
      if (old.renewedById !== null)
        throw new HttpError(409, "FLEET_CONTRACT_ALREADY_RENEWED", "the contract has already been renewed")
      // The default term: from the day after the old end, as long as the old term (in calendar
      // months and days, so a year stays a year across a leap day).
      const term = await firstRow(
        c,
        sql
          .selectFrom("contracts as c")
          .select([
            raw<string>`to_char(coalesce(${b.startDate ?? null}::date, c.ends_on + 1), 'YYYY-MM-DD')`.as(
              "start",
            ),
            raw<string>`to_char(coalesce(${b.endDate ?? null}::date,
              (coalesce(${b.startDate ?? null}::date, c.ends_on + 1) + age(c.ends_on + 1, c.starts_on))::date - 1),
              'YYYY-MM-DD')`.as("end"),
          ])
          .where("c.id", "=", params.id),
      )
      if (term === undefined) throw notFound()
      checkTerm(term.start, term.end)
      let inserted: { id: string } | undefined
      try {
        inserted = await firstRow(
          c,
          sql
            .insertInto("contracts")
            .values({
              org_id: p.orgId,
              vehicle_id: old.vehicleId,
              type: old.type,
              contractor: old.contractor,
              number: b.number === undefined ? old.number : b.number,
              starts_on: term.start,
              ends_on: term.end,
              amount: b.amount ?? old.amount,
              currency: old.currency,
              payment_frequency: old.paymentFrequency,
              auto_renew: old.autoRenew,
              notes: old.notes,
              ...coverageColumns(old.type, old.insurance),
              previous_contract_id: old.id,
              created_by: p.userId,
            })
            .returning("id"),
        )
      } catch (error) {
        // Two renewals racing: the unique index on previous_contract_id lets one through.
        if (isUniqueViolation(error, "contracts_renewal_idx"))
          throw new HttpError(409, "FLEET_CONTRACT_ALREADY_RENEWED", "the contract has already been renewed")
        throw error
      }
      const renewed = contractView(await load(c, inserted?.id as string))
      await audit(c, p, request, {
        action: "contract.renew",
        entity: "contract",
        entityId: renewed.id,
        newValues: renewed,
        details: { renews: old.id },
      })
      return renewed
    })
    return { body: view }
  })
}
