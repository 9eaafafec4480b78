import {
  CHANGE_FIELDS,
  endpoints,
  isConfinedToAssignedVehicles,
  type ProposedChangesType,
  reason,
} from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { type RecordedReading, raiseJumpAlerts } from "../vehicles/recordReading.js"
import { vehicleColumns } from "../vehicles/vehicleColumns.js"
import { applyChanges, currentValues } from "./applyChanges.js"
import {
  type ChangeRequestRow,
  changeRequestQuery,
  findChangeRequest,
  proposingCentres,
  readableBy,
  toChangeRequest,
} from "./changeRequestView.js"
import { notifyChangeRequest } from "./notifyChangeRequest.js"
import { proposalTarget } from "./proposalTarget.js"

const SORTS = { createdAt: "r.created_at" } as const

const fieldsOf = (changes: Record<string, unknown>): ReadonlyArray<string> =>
  CHANGE_FIELDS.filter((f) => changes[f] !== undefined)

/** A driver reads only the requests they proposed. */
const confined = (p: Principal): boolean => isConfinedToAssignedVehicles(p.role)

/**
 * Change requests to vehicles' critical fields: proposed by a driver of the vehicle or a service
 * centre with access, decided by the vehicle's organisation. Approving applies the change through
 * the edit's own code (see `applyChanges`); nothing changes before.
 */
export const registerChangeRequestRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "ch" | "tokens" | "log">,
) => {
  const { db } = deps

  serve(app, deps, endpoints.changeRequests.list, async ({ principal: p, query: f }) => {
    const sort = sortOf(f.sort, SORTS, { column: "r.created_at", direction: "desc" })
    let query = changeRequestQuery()
      .where(readableBy(p, confined(p)))
      .orderBy(sort.column, sort.direction)
      .orderBy("r.id")
    if (f.status) query = query.where("r.status", "=", f.status)
    if (f.vehicleId) query = query.where("r.vehicle_id", "=", f.vehicleId)
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    const centres = await proposingCentres(db.system, page.items)
    return { body: { ...page, items: page.items.map((r) => toChangeRequest(r, p, centres)) } }
  })

  /** One request as `p` reads it, the proposing centre named. */
  const viewOf = async (r: ChangeRequestRow, p: Principal) =>
    toChangeRequest(r, p, await proposingCentres(db.system, [r]))

  serve(app, deps, endpoints.changeRequests.get, async ({ principal: p, params }) => ({
    body: await viewOf(await db.withOrg(p.orgId, (c) => findChangeRequest(c, p, params.id, confined(p))), p),
  }))

  serve(app, deps, endpoints.changeRequests.create, async ({ principal: p, params, body, request }) => {
    const changes = body.changes as ProposedChangesType
    const fields = fieldsOf(changes)
    if (fields.length === 0) {
      throw refuse(400, "FLEET_CHANGE_REQUEST_INVALID", "changes", reason("proposeAField"))
    }
    // The edit's own normalisation and checks (VIN check digit), before anyone is asked to decide.
    vehicleColumns({
      ...(changes.vin === undefined ? {} : { vin: changes.vin }),
      ...(changes.plate === undefined ? {} : { plate: changes.plate }),
    })
    const target = await proposalTarget(db, p, params.id)
    const created = await db.withOrg(target.orgId, async (c) => {
      const oldValues = await currentValues(c, params.id, changes)
      const inserted = await firstRow(
        c,
        sql
          .insertInto("vehicle_change_requests")
          .values({
            org_id: target.orgId,
            vehicle_id: params.id,
            proposer_org_id: p.orgId,
            proposed_by: p.userId,
            changes: JSON.stringify(changes),
            old_values: JSON.stringify(oldValues),
            comment: body.comment ?? null,
          })
          .returning("id"),
      )
      if (inserted === undefined) throw new Error("the change request was not stored")
      await audit(c, { orgId: target.orgId, userId: p.userId }, request, {
        action: "change-request.create",
        entity: "vehicle_change_request",
        entityId: inserted.id,
        oldValues,
        newValues: { vehicleId: params.id, changes, comment: body.comment ?? null, proposerOrgId: p.orgId },
      })
      return findChangeRequest(c, { ...p, orgId: target.orgId as Principal["orgId"] }, inserted.id, false)
    })
    await notifyChangeRequest(
      db.system,
      { orgId: target.orgId, vehicleId: null },
      { id: created.id, vehicle: created.vehicle_name ?? "", fields },
      "proposed",
      null,
    )
    return { body: await viewOf(created, p) }
  })

  /** Decides pending request `id` in `p`'s organisation; `apply` runs inside the transaction. */
  const decide = async (
    p: Principal,
    id: string,
    status: "approved" | "rejected",
    reason: string | null,
    apply: (c: pg.PoolClient, r: ChangeRequestRow) => Promise<void>,
    action: string,
    request: Parameters<typeof audit>[2],
  ) => {
    const decided = await db.withOrg(p.orgId, async (c) => {
      const r = await findChangeRequest(c, p, id, false, true)
      if (r.org_id !== p.orgId)
        throw new HttpError(404, "FLEET_CHANGE_REQUEST_NOT_FOUND", "no such change request")
      if (r.status !== "pending") {
        throw new HttpError(409, "FLEET_CHANGE_REQUEST_DECIDED", `the change request was already ${r.status}`)
      }
      await apply(c, r)
      await rows(
        c,
        sql
          .updateTable("vehicle_change_requests")
          .set({ status, reason, decided_by: p.userId, decided_at: raw<Date>`now()` })
          .where("id", "=", id),
      )
      await audit(c, p, request, {
        action,
        entity: "vehicle_change_request",
        entityId: id,
        oldValues: { status: "pending", ...r.old_values },
        newValues: { status, ...(status === "approved" ? r.changes : {}), reason },
      })
      return findChangeRequest(c, p, id, false)
    })
    await notifyChangeRequest(
      db.system,
      {
        orgId: decided.proposer_org_id,
        vehicleId: decided.proposer_org_id === decided.org_id ? decided.vehicle_id : null,
      },
      { id: decided.id, vehicle: decided.vehicle_name ?? "", fields: fieldsOf(decided.changes) },
      status,
      reason,
    )
    return viewOf(decided, p)
  }

  serve(app, deps, endpoints.changeRequests.approve, async ({ principal: p, params, request }) => {
    const entered: Array<RecordedReading> = []
    const body = await decide(
      p,
      params.id,
      "approved",
      null,
      async (c, r) => {
        const reading = await applyChanges(
          c,
          deps.ch,
          p,
          request,
          r.vehicle_id,
          r.id,
          r.changes as ProposedChangesType,
          r.created_at,
        )
        if (reading !== null) entered.push(reading)
      },
      "change-request.approve",
      request,
    )
    await raiseJumpAlerts(db.system, p.orgId, entered)
    return { body }
  })

  serve(app, deps, endpoints.changeRequests.reject, async ({ principal: p, params, body, request }) => ({
    body: await decide(
      p,
      params.id,
      "rejected",
      body.reason,
      async () => {},
      "change-request.reject",
      request,
    ),
  }))
}
