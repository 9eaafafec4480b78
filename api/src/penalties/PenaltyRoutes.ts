import { endpoints, type Reason, reason } from "@fleetcore/contract"
import { HttpError, type Request } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw, type UpdateObject } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { orgToday } from "../contracts/orgToday.js"
import { contains } from "../db/contains.js"
import { countedPage } from "../db/countedPage.js"
import type { Database } from "../db/Database.js"
import { sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { requireReference } from "../http/requireReference.js"
import { serve } from "../http/serve.js"
import { driverAssignedAt, requireDriver, requireReceipt } from "./penaltyReferences.js"
import { nextStatus, type PenaltyStep } from "./penaltyTransitions.js"
import { penaltyRows, penaltyView, visiblePenalties } from "./penaltyViews.js"

const SORTS = {
  offenceAt: "p.offence_at",
  amount: "p.amount",
  dueDate: "p.due_on",
  status: "p.status",
} as const

const notFound = (): HttpError => new HttpError(404, "FLEET_PENALTY_NOT_FOUND", "no such fine")
const invalid = (field: string, why: Reason): HttpError => refuse(400, "FLEET_PENALTY_INVALID", field, why)

/** The fine `id` as `p` may see it, or the 404 of an unknown one. */
const load = async (c: pg.ClientBase, p: Principal, id: string) => {
  const row = await firstRow(c, penaltyRows().where("p.id", "=", id).where(visiblePenalties(p)))
  if (row === undefined) throw notFound()
  return row
}

/** What a step writes besides the status. */
type StepColumns = Omit<UpdateObject<Database, "penalties">, "status">

/** The organisation's today, for a payment confirmed without a date. */
const todayOfOrg = raw<string>`(SELECT ${orgToday("o")} FROM organisations o WHERE o.id = penalties.org_id)`

/** Fines: CRUD for managers, and the flow's steps (a driver: on their own fines only). */
export const registerPenaltyRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  /**
   * Runs one step of the flow: the fine as the caller sees it (404 otherwise), the transition table
   * (409 otherwise), then the update, guarded by the status it started from so two steps racing
   * cannot both pass; audited with the status before and after.
   */
  const runStep = async (
    step: PenaltyStep,
    p: Principal,
    id: string,
    request: Request,
    columns: (c: pg.ClientBase) => Promise<StepColumns>,
    details: object = {},
  ) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const before = penaltyView(await load(c, p, id))
      const to = nextStatus(step, before.status)
      if (to === null)
        throw new HttpError(
          409,
          "FLEET_PENALTY_TRANSITION",
          `the step ${step} is not allowed for a fine that is ${before.status}`,
        )
      const set = await columns(c)
      const updated = await rows(
        c,
        sql
          .updateTable("penalties")
          .set({ ...set, status: to, updated_at: new Date() })
          .where("id", "=", id)
          .where("status", "=", before.status)
          .returning("id"),
      )
      if (updated.length === 0)
        throw new HttpError(409, "FLEET_PENALTY_TRANSITION", "the fine changed meanwhile; reload it")
      const after = penaltyView(await load(c, p, id))
      await audit(c, p, request, {
        action: `penalty.${step}`,
        entity: "penalty",
        entityId: id,
        oldValues: {
          status: before.status,
          paidOn: before.paidOn,
          receiptDocumentId: before.receiptDocumentId,
        },
        newValues: {
          status: after.status,
          paidOn: after.paidOn,
          receiptDocumentId: after.receiptDocumentId,
          statusNote: after.statusNote,
        },
        details,
      })
      return after
    })
    return { body: view }
  }

  serve(app, deps, endpoints.penalties.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "p.offence_at", direction: "desc" })
    let query = penaltyRows()
      .where(visiblePenalties(p))
      .orderBy(raw.ref(sort.column), sort.direction)
      .orderBy("p.id")
    if (f.vehicleId) query = query.where("p.vehicle_id", "=", f.vehicleId)
    if (f.driverId) query = query.where("p.driver_id", "=", f.driverId)
    if (f.status) query = query.where("p.status", "=", f.status)
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) =>
        eb.or([
          eb("p.reason", "ilike", like),
          eb("p.article", "ilike", like),
          eb("p.resolution_number", "ilike", like),
        ]),
      )
    }
    const page = await db.withOrg(p.orgId, (c) => countedPage(c, query, f))
    return { body: { ...page, items: page.items.map(penaltyView) } }
  })

  serve(app, deps, endpoints.penalties.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) => load(c, p, params.id))
    return { body: penaltyView(row) }
  })

  serve(app, deps, endpoints.penalties.create, async ({ principal: p, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
      const at = new Date(b.offenceAt)
      if (b.driverId) await requireDriver(c, b.driverId, "driverId")
      if (b.paidOn && b.status !== "paid") throw invalid("paidOn", reason("paidOnlyDate"))
      // No driver named: the one assigned to the vehicle when the offence happened.
      const driverId = b.driverId === undefined ? await driverAssignedAt(c, b.vehicleId, at) : b.driverId
      const paid = b.status === "paid"
      const inserted = await firstRow(
        c,
        sql
          .insertInto("penalties")
          .values({
            org_id: p.orgId,
            vehicle_id: b.vehicleId,
            driver_id: driverId,
            amount: b.amount,
            currency: b.currency,
            offence_at: at,
            reason: b.reason,
            article: b.article ?? null,
            resolution_number: b.resolutionNumber ?? null,
            due_on: b.dueDate ?? null,
            status: paid ? "paid" : "open",
            paid_on: paid ? (b.paidOn ?? null) : null,
            confirmed_by: paid ? p.userId : null,
            confirmed_at: paid ? new Date() : null,
            notes: b.notes ?? null,
            created_by: p.userId,
          })
          .returning("id"),
      )
      const view = penaltyView(await load(c, p, inserted?.id as string))
      await audit(c, p, request, {
        action: "penalty.create",
        entity: "penalty",
        entityId: view.id,
        newValues: view,
      })
      return view
    })
    return { body: view }
  })

  serve(app, deps, endpoints.penalties.update, async ({ principal: p, params, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const before = penaltyView(await load(c, p, params.id))
      if (b.vehicleId) await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
      if (b.driverId) await requireDriver(c, b.driverId, "driverId")
      await rows(
        c,
        sql
          .updateTable("penalties")
          .set({
            ...(b.vehicleId === undefined ? {} : { vehicle_id: b.vehicleId }),
            ...(b.driverId === undefined ? {} : { driver_id: b.driverId }),
            ...(b.amount === undefined ? {} : { amount: b.amount }),
            ...(b.currency === undefined ? {} : { currency: b.currency }),
            ...(b.offenceAt === undefined ? {} : { offence_at: new Date(b.offenceAt) }),
            ...(b.reason === undefined ? {} : { reason: b.reason }),
            ...(b.article === undefined ? {} : { article: b.article }),
            ...(b.resolutionNumber === undefined ? {} : { resolution_number: b.resolutionNumber }),
            ...(b.dueDate === undefined ? {} : { due_on: b.dueDate }),
            ...(b.notes === undefined ? {} : { notes: b.notes }),
            updated_at: new Date(),
          })
          .where("id", "=", params.id),
      )
      const after = penaltyView(await load(c, p, params.id))
      await audit(c, p, request, {
        action: "penalty.update",
        entity: "penalty",
        entityId: params.id,
        oldValues: before,
        newValues: after,
      })
      return after
    })
    return { body: view }
  })

  serve(app, deps, endpoints.penalties.delete, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const before = penaltyView(await load(c, p, params.id))
      await c.query("DELETE FROM penalties WHERE id = $1", [params.id])
      await audit(c, p, request, {
        action: "penalty.delete",
        entity: "penalty",
        entityId: params.id,
        oldValues: before,
      })
    })
    return {}
  })

  serve(app, deps, endpoints.penalties.pay, ({ principal: p, params, body, request }) =>
    runStep("pay", p, params.id, request, async (c) => {
      await requireReceipt(c, body.receiptDocumentId, params.id, "receiptDocumentId")
      return {
        paid_on: body.paidOn,
        receipt_document_id: body.receiptDocumentId,
        reported_by: p.userId,
        reported_at: new Date(),
        status_note: null,
      }
    }),
  )

  serve(app, deps, endpoints.penalties.confirm, ({ principal: p, params, body, request }) =>
    runStep("confirm", p, params.id, request, async () => ({
      paid_on: raw`coalesce(${body.paidOn ?? null}::date, paid_on, ${todayOfOrg})`,
      confirmed_by: p.userId,
      confirmed_at: new Date(),
      status_note: body.note ?? null,
    })),
  )

  serve(app, deps, endpoints.penalties.reject, ({ principal: p, params, body, request }) =>
    runStep(
      "reject",
      p,
      params.id,
      request,
      async () => ({
        paid_on: null,
        receipt_document_id: null,
        reported_by: null,
        reported_at: null,
        status_note: body.reason,
      }),
      { reason: body.reason },
    ),
  )

  serve(app, deps, endpoints.penalties.dispute, ({ principal: p, params, body, request }) =>
    runStep("dispute", p, params.id, request, async () => ({ status_note: body.note }), { note: body.note }),
  )

  serve(app, deps, endpoints.penalties.cancel, ({ principal: p, params, body, request }) =>
    runStep("cancel", p, params.id, request, async () => ({ status_note: body.note ?? null })),
  )

  serve(app, deps, endpoints.penalties.reopen, ({ principal: p, params, body, request }) =>
    runStep("reopen", p, params.id, request, async () => ({ status_note: body.note ?? null })),
  )
}
