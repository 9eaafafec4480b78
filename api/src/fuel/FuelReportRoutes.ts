import { endpoints, MIN_YEAR, reason } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { contains } from "../db/contains.js"
import { listPage, pageOf } from "../db/listPage.js"
import { rows, sql } from "../db/sql.js"
import { orgTodayOf } from "../expenses/orgBooks.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"
import { cardSpending } from "./cardSpending.js"
import {
  countFuelEvents,
  type FuelEventFilter,
  fuelEvents,
  readableVehicleIds,
  vehiclesWithFuelSensor,
} from "./fuelSensorEvents.js"
import { cardsOf, fuelCards } from "./fuelViews.js"
import { type MatchRules, reconcileRefuels } from "./reconcileRefuels.js"

/**
 * The reconciliation's matching rules (see `ReconciliationRules`): the same ±30 minutes the engine's
 * refuel/fill cross-check uses (`REFUEL_MATCH_WINDOW_MS`), and its 15% / 5 L tolerance.
 */
export const RECONCILIATION_RULES: MatchRules = {
  windowMs: 30 * 60_000,
  tolerancePct: 15,
  minDifferenceL: 5,
}
const MAX_PERIOD_DAYS = 93
const DEFAULT_PERIOD_DAYS = 30
const DAY_MS = 86_400_000
const EARLIEST_MS = Date.UTC(MIN_YEAR, 0, 1)

/** The vehicles a filter covers: the one asked for (if readable), else what the caller may read. */
const vehicleScope = (readable: ReadonlyArray<string> | null, vehicleId: string | undefined) => {
  if (vehicleId === undefined) return readable
  return readable === null || readable.includes(vehicleId) ? [vehicleId] : []
}

/** Sensor fills and thefts, their reconciliation with the refuels, and fuel-card spending vs limits. */
export const registerFuelReportRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.fuel.events, async ({ principal: p, query: q }) => {
    const filter: FuelEventFilter = {
      orgId: p.orgId,
      vehicleIds: vehicleScope(await readableVehicleIds(db, p), q.vehicleId),
      ...(q.kind === undefined ? {} : { kind: q.kind }),
      ...(q.from === undefined ? {} : { fromMs: Date.parse(q.from) }),
      ...(q.to === undefined ? {} : { toMs: Date.parse(q.to) }),
    }
    const { page, pageSize, offset } = pageOf(q)
    const desc = q.sort === undefined || q.sort.startsWith("-")
    const order = q.sort?.endsWith("litres") === true ? "litres" : "time"
    const [items, total] = await Promise.all([
      fuelEvents(ch, filter, { order, direction: desc ? "desc" : "asc", limit: pageSize, offset }),
      countFuelEvents(ch, filter),
    ])
    return {
      body: {
        items: items.map(({ timeMs, startMs, endMs, ...e }) => ({
          ...e,
          time: new Date(timeMs).toISOString(),
          startTime: new Date(startMs).toISOString(),
          endTime: new Date(endMs).toISOString(),
        })),
        total,
        page,
        pageSize,
      },
    }
  })

  serve(app, deps, endpoints.fuel.reconciliation, async ({ principal: p, query: q }) => {
    const toMs = q.to === undefined ? Date.now() : Date.parse(q.to)
    // The default period never starts before the first instant the contract can name.
    const fromMs =
      q.from === undefined ? Math.max(toMs - DEFAULT_PERIOD_DAYS * DAY_MS, EARLIEST_MS) : Date.parse(q.from)
    if (!(toMs > fromMs && toMs - fromMs <= MAX_PERIOD_DAYS * DAY_MS)) {
      throw refuse(
        400,
        "FLEET_QUERY_INVALID",
        "to",
        reason("afterFromWithin", { max: MAX_PERIOD_DAYS, unit: { unit: "days", count: MAX_PERIOD_DAYS } }),
      )
    }
    // Either side may match across the period's edges: read both a window wider.
    const w = RECONCILIATION_RULES.windowMs
    const wide: FuelEventFilter = {
      orgId: p.orgId,
      vehicleIds: vehicleScope(await readableVehicleIds(db, p), q.vehicleId),
      fromMs: fromMs - w,
      toMs: toMs + w,
    }
    const [sensors, rises] = await Promise.all([
      vehiclesWithFuelSensor(ch, wide),
      fuelEvents(
        ch,
        { ...wide, kind: "fill" },
        { order: "time", direction: "asc", limit: 100_000, offset: 0 },
      ),
    ])
    const refuels =
      sensors.size === 0
        ? []
        : await db.withOrg(p.orgId, (c) =>
            rows(
              c,
              sql
                .selectFrom("expenses as e")
                .innerJoin("fuel_entries as f", "f.id", "e.id")
                .select(["e.id", "e.vehicle_id", "e.spent_at", "f.litres"])
                .where("e.vehicle_id", "in", [...sensors])
                .where("e.spent_at", ">=", new Date(fromMs - w))
                .where("e.spent_at", "<", new Date(toMs + w))
                .where(visibleVehicles(p, "e.vehicle_id")),
            ),
          )
    const result = reconcileRefuels(
      refuels.map((r) => ({
        id: r.id,
        vehicleId: r.vehicle_id,
        timeMs: r.spent_at.getTime(),
        litres: Number(r.litres),
      })),
      rises,
      RECONCILIATION_RULES,
    )
    const inPeriod = (ms: number) => ms >= fromMs && ms < toMs
    const unmatched = result.unmatched.filter(
      (u) => inPeriod(u.timeMs) && (q.kind === undefined || u.kind === q.kind),
    )
    const { page, pageSize, offset } = pageOf(q)
    return {
      body: {
        items: unmatched.slice(offset, offset + pageSize).map(({ timeMs, ...u }) => ({
          ...u,
          time: new Date(timeMs).toISOString(),
          differenceL:
            u.paidL === null || u.sensorL === null ? null : Math.round((u.sensorL - u.paidL) * 10) / 10,
        })),
        total: unmatched.length,
        page,
        pageSize,
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        rules: {
          windowMinutes: w / 60_000,
          tolerancePct: RECONCILIATION_RULES.tolerancePct,
          minDifferenceL: RECONCILIATION_RULES.minDifferenceL,
        },
        matched: result.pairs.filter((pair) => inPeriod(pair.refuel.timeMs)).length,
      },
    }
  })

  serve(app, deps, endpoints.fuel.cardSpending, async ({ principal: p, query: f }) => {
    let query = fuelCards()
      .where(cardsOf(p))
      .orderBy("name", f.sort === "-name" ? "desc" : "asc")
      .orderBy("id")
    if (f.active) query = query.where("active", "=", f.active === "true")
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) => eb.or([eb("name", "ilike", like), eb("number_last4", "ilike", like)]))
    }
    const { on, page, spending } = await db.withOrg(p.orgId, async (c) => {
      const on = f.on ?? (await orgTodayOf(c, p.orgId))
      const page = await listPage(c, query, f)
      return { on, page, spending: await cardSpending(c, p.orgId, page.items, on) }
    })
    return { body: { ...page, items: spending, on } }
  })
}
