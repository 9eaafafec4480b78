import { endpoints, reason } from "@fleetcore/contract"
import { HttpError, type Request } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { driverNotFound, readableDrivers } from "../drivers/driverQueries.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { requireVisibleVehicle, vehicleNotFound } from "../vehicles/visibleVehicle.js"
import { notifyOnboardingStep } from "./notifyOnboarding.js"
import { driverMove, type Move, vehicleMove } from "./onboardingMachine.js"
import { registerOnboardingQueue } from "./onboardingQueue.js"
import { readChecklist, readDriverOnboarding, readTimeline, readVehicleOnboarding } from "./readOnboarding.js"

interface StepBody {
  readonly step: string
  readonly notes?: string
  readonly documentIds?: ReadonlyArray<string>
}

/** The checks every step makes before it is stored: a reason where one is needed, the record's own documents. */
const checkStep = async (
  c: pg.ClientBase,
  entityType: "vehicle" | "driver",
  entityId: string,
  move: Move<string> | undefined,
  b: StepBody,
): Promise<Move<string>> => {
  if (move === undefined)
    throw new HttpError(
      409,
      "FLEET_ONBOARDING_STEP_INVALID",
      `${b.step} is not allowed at this stage`,
      "step",
    )
  const notes = b.notes?.trim() ?? ""
  if (move.needsReason && notes === "")
    throw refuse(400, "FLEET_ONBOARDING_INVALID", "notes", reason("reasonInNotes", { step: b.step }))
  const ids = [...new Set(b.documentIds ?? [])]
  if (ids.length > 0) {
    const found = await rows(
      c,
      sql
        .selectFrom("documents")
        .select("id")
        .where("id", "in", ids)
        .where("entity_type", "=", entityType)
        .where("entity_id", "=", entityId),
    )
    if (found.length !== ids.length)
      throw refuse(
        422,
        "FLEET_REFERENCE_NOT_FOUND",
        "documentIds",
        reason("documentsOfOther", { entity: entityType }),
      )
  }
  return move
}

/** Stores one step: the timeline event, the record's new stage, the audit entry and the notification. */
const storeStep = async (
  c: pg.ClientBase,
  p: Principal,
  request: Request,
  s: {
    readonly entityType: "vehicle" | "driver"
    readonly id: string
    readonly name: string
    readonly from: string
    readonly move: Move<string>
    readonly body: StepBody
  },
): Promise<void> => {
  const notes = s.body.notes?.trim() || null
  const documentIds = [...new Set(s.body.documentIds ?? [])]
  const event = await firstRow(
    c,
    sql
      .insertInto("onboarding_events")
      .values({
        org_id: p.orgId,
        entity_type: s.entityType,
        entity_id: s.id,
        step: s.body.step,
        from_status: s.from,
        to_status: s.move.to,
        result: s.move.result,
        notes,
        document_ids: documentIds,
        actor_id: p.userId,
      })
      .returning("id"),
  )
  if (event === undefined) throw new Error("the onboarding step was not stored")
  if (s.move.to !== s.from) {
    const table = s.entityType === "vehicle" ? "vehicles" : "drivers"
    await c.query(`UPDATE ${table} SET onboarding_status = $2, onboarding_changed_at = now() WHERE id = $1`, [
      s.id,
      s.move.to,
    ])
  }
  await audit(c, p, request, {
    action: `${s.entityType}.onboarding.${s.body.step}`,
    entity: s.entityType,
    entityId: s.id,
    oldValues: { onboardingStatus: s.from },
    newValues: { onboardingStatus: s.move.to, result: s.move.result, notes, documentIds },
  })
  if (s.move.to !== s.from)
    await notifyOnboardingStep(c, {
      orgId: p.orgId,
      kind: s.entityType,
      id: s.id,
      name: s.name,
      to: s.move.to,
      eventId: event.id,
      notes,
    })
}

const readSettings = async (c: pg.ClientBase) => {
  const org = await firstRow(c, sql.selectFrom("organisations").select("settings"))
  const o = (org?.settings?.onboarding ?? {}) as { vehicles?: unknown; drivers?: unknown }
  return { vehicles: o.vehicles === true, drivers: o.drivers === true }
}

/** Vehicle and driver onboarding: the organisation's switches, each record's steps and the queue. */
export const registerOnboardingRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.onboarding.settings, async ({ principal: p }) => ({
    body: await db.withOrg(p.orgId, readSettings),
  }))

  serve(app, deps, endpoints.onboarding.updateSettings, async ({ principal: p, body, request }) => {
    const after = await db.withOrg(p.orgId, async (c) => {
      const before = await readSettings(c)
      const next = { vehicles: body.vehicles, drivers: body.drivers }
      await c.query(
        "UPDATE organisations SET settings = settings || jsonb_build_object('onboarding', $2::jsonb) WHERE id = $1",
        [p.orgId, JSON.stringify(next)],
      )
      if (before.vehicles !== next.vehicles || before.drivers !== next.drivers)
        await audit(c, p, request, {
          action: "onboarding.settings",
          entity: "organisation",
          entityId: p.orgId,
          oldValues: { onboarding: before },
          newValues: { onboarding: next },
        })
      return next
    })
    return { body: after }
  })

  serve(app, deps, endpoints.onboarding.vehicle, async ({ principal: p, params }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      await requireVisibleVehicle(c, p, params.id)
      return readVehicleOnboarding(c, p, params.id)
    })
    if (view === undefined) throw vehicleNotFound()
    return { body: view }
  })

  serve(app, deps, endpoints.onboarding.vehicleStep, async ({ principal: p, params, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const v = await firstRow(
        c,
        sql
          .selectFrom("vehicles")
          .select(["id", "name", "plate", "onboarding_status"])
          .where("id", "=", params.id)
          .forUpdate(),
      )
      if (v === undefined) throw vehicleNotFound()
      const move = await checkStep(c, "vehicle", v.id, vehicleMove(v.onboarding_status, b.step), b)
      if (b.step === "approve") {
        const missing = (await readChecklist(c, v.id, await readTimeline(c, "vehicle", v.id))).find(
          (i) => !i.done,
        )
        if (missing !== undefined)
          throw new HttpError(
            409,
            "FLEET_ONBOARDING_CHECKLIST_INCOMPLETE",
            `the checklist item ${missing.item} is not done`,
            missing.item,
          )
      }
      const name = v.plate === null ? v.name : `${v.name} (${v.plate})`
      await storeStep(c, p, request, {
        entityType: "vehicle",
        id: v.id,
        name,
        from: v.onboarding_status,
        move,
        body: b,
      })
      return readVehicleOnboarding(c, p, v.id)
    })
    if (view === undefined) throw vehicleNotFound()
    return { body: view }
  })

  serve(app, deps, endpoints.onboarding.driver, async ({ principal: p, params }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const readable = await firstRow(
        c,
        sql
          .selectFrom("drivers as d")
          .select("d.id")
          .where("d.id", "=", params.id)
          .where(readableDrivers(p, "d.id")),
      )
      return readable === undefined ? undefined : readDriverOnboarding(c, p, params.id)
    })
    if (view === undefined) throw driverNotFound()
    return { body: view }
  })

  serve(app, deps, endpoints.onboarding.driverStep, async ({ principal: p, params, body: b, request }) => {
    const view = await db.withOrg(p.orgId, async (c) => {
      const d = await firstRow(
        c,
        sql
          .selectFrom("drivers")
          .select(["id", "full_name", "onboarding_status"])
          .where("id", "=", params.id)
          .forUpdate(),
      )
      if (d === undefined) throw driverNotFound()
      const move = await checkStep(c, "driver", d.id, driverMove(d.onboarding_status, b.step), b)
      await storeStep(c, p, request, {
        entityType: "driver",
        id: d.id,
        name: d.full_name,
        from: d.onboarding_status,
        move,
        body: b,
      })
      return readDriverOnboarding(c, p, d.id)
    })
    if (view === undefined) throw driverNotFound()
    return { body: view }
  })

  registerOnboardingQueue(app, deps)
}
