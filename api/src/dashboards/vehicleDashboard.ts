import { HOME_EXPIRY_DAYS, liveStatus, type VehicleDashboard } from "@fleetcore/contract"
import type { ClickHouseClient } from "@fleetcore/platform"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { isoSql } from "../db/isoSql.js"
import { firstRow } from "../db/sql.js"
import type { OrgBooks } from "../expenses/orgBooks.js"
import { dayIn } from "../reports/reportPeriod.js"
import { offlineAfterMinutesOf } from "../vehicles/offlineAfter.js"
import { toVehicle, vehicleQuery } from "../vehicles/vehicleView.js"
import { vehicleNotFound, visibleVehicles } from "../vehicles/visibleVehicle.js"
import { expiringDocumentsSql, openTasksSql, openTicketsSql } from "./dashboardSql.js"

/** Which parts of a vehicle's dashboard the caller may read. */
export interface VehicleDashboardAccess {
  readonly distance: boolean
  readonly fuel: boolean
  readonly costs: boolean
  readonly maintenance: boolean
  readonly alerts: boolean
  readonly tickets: boolean
  readonly tasks: boolean
  readonly documents: boolean
}

const TODAY = "(SELECT today FROM d)"
const MONTH_START = `date_trunc('month', ${TODAY})::date`

/**
 * One statement for the vehicle's records ($1 the vehicle, $2 the organisation's time zone, $3 its
 * currency): each part a scalar subquery, "null" when the caller may not read it. Months and days
 * are the organisation's.
 */
const statement = (a: VehicleDashboardAccess) => `WITH d AS (SELECT (now() AT TIME ZONE $2)::date AS today)
SELECT v.status, v.onboarding_status, $3::text AS currency,
  (SELECT json_build_object('id', dr.id, 'name', dr.full_name, 'since', ${isoSql("a.starts_at")})
   FROM driver_assignments a JOIN drivers dr ON dr.id = a.driver_id
   WHERE a.vehicle_id = v.id AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
   ORDER BY a.starts_at DESC LIMIT 1) AS driver,
  ${
    a.fuel
      ? `(SELECT json_build_object('refuels', count(*)::int, 'litres', coalesce(sum(f.litres), 0)::float8)
   FROM fuel_entries f JOIN expenses e ON e.id = f.id
   WHERE e.vehicle_id = v.id AND e.spent_on >= ${MONTH_START} AND e.spent_on <= ${TODAY})`
      : "null"
  } AS fuel,
  ${
    a.costs
      ? `(SELECT json_build_object('currency', $3::text,
       'amount', coalesce(sum(e.org_amount) FILTER (WHERE e.org_currency = $3), 0)::numeric(16, 2)::text,
       'expenses', count(*)::int,
       'unconverted', (count(*) FILTER (WHERE e.amount IS NOT NULL AND (e.org_amount IS NULL OR e.org_currency <> $3)))::int)
   FROM expenses e WHERE e.vehicle_id = v.id AND e.spent_on >= ${MONTH_START} AND e.spent_on <= ${TODAY})`
      : "null"
  } AS costs,
  ${
    a.maintenance
      ? `json_build_object(
     'overdue', (SELECT count(*)::int FROM maintenance_tasks WHERE vehicle_id = v.id AND status = 'overdue'),
     'next', (SELECT json_build_object('id', m.id, 'name', m.name, 'status', m.status,
                'dueDate', to_char(m.due_date, 'YYYY-MM-DD'), 'dueOdometerKm', m.due_odometer_km::float8)
              FROM maintenance_tasks m WHERE m.vehicle_id = v.id AND m.status IN ('scheduled', 'overdue')
              ORDER BY m.status = 'overdue' DESC, m.due_date NULLS LAST, m.due_odometer_km NULLS LAST, m.id LIMIT 1))`
      : "null"
  } AS maintenance,
  ${
    a.alerts
      ? `(SELECT json_build_object('open', count(*)::int, 'critical', (count(*) FILTER (WHERE severity = 'critical'))::int)
   FROM alerts WHERE vehicle_id = v.id AND status <> 'resolved')`
      : "null"
  } AS alerts,
  ${a.tickets ? openTicketsSql("vehicle_id = v.id") : "null"} AS tickets,
  ${a.tasks ? openTasksSql("vehicle_id = v.id") : "null"} AS tasks,
  ${a.documents ? expiringDocumentsSql("vehicle", "v.id", TODAY, HOME_EXPIRY_DAYS) : "null"} AS documents
FROM vehicles v WHERE v.id = $1`

interface Row {
  status: (typeof VehicleDashboard.Type)["status"]
  onboarding_status: (typeof VehicleDashboard.Type)["onboardingStatus"]
  driver: (typeof VehicleDashboard.Encoded)["driver"]
  fuel: (typeof VehicleDashboard.Encoded)["fuel"]
  costs: (typeof VehicleDashboard.Encoded)["costs"]
  maintenance: (typeof VehicleDashboard.Encoded)["maintenance"]
  alerts: (typeof VehicleDashboard.Encoded)["alerts"]
  tickets: (typeof VehicleDashboard.Encoded)["tickets"]
  tasks: (typeof VehicleDashboard.Encoded)["tasks"]
  documents: (typeof VehicleDashboard.Encoded)["documents"]
}

/**
 * Today's and this month's metres from the engine's daily totals, whose days are the organisation's
 * (`today` is its current day); ClickHouse names the organisation.
 */
const distanceOf = async (ch: ClickHouseClient, orgId: string, vehicleId: string, today: string) => {
  const found = await ch.query<{ today_m: number; month_m: number }>(
    `SELECT sumIf(metres, day = {today:Date}) AS today_m, sum(metres) AS month_m
     FROM daily_mileage FINAL
     WHERE org_id = {org:UUID} AND vehicle_id = {vehicle:UUID} AND day BETWEEN {from:Date} AND {today:Date}`,
    { org: orgId, vehicle: vehicleId, from: `${today.slice(0, 8)}01`, today },
  )
  const row = found[0]
  const km = (m: number | undefined) => Math.round(Number(m ?? 0) / 100) / 10
  return { todayKm: km(row?.today_m), monthKm: km(row?.month_m) }
}

/** The dashboard of vehicle `id`, which `p` must be able to see (404 otherwise); `c` is a `withOrg` connection. */
export const vehicleDashboard = async (
  c: pg.ClientBase,
  ch: ClickHouseClient,
  p: Principal,
  id: string,
  books: OrgBooks,
  access: VehicleDashboardAccess,
  now: Date,
): Promise<typeof VehicleDashboard.Encoded> => {
  const vehicleRow = await firstRow(
    c,
    vehicleQuery().where("v.id", "=", id).where(visibleVehicles(p, "v.id")),
  )
  if (vehicleRow === undefined) throw vehicleNotFound()
  const vehicle = toVehicle(vehicleRow)
  const distance = access.distance
    ? distanceOf(ch, p.orgId, id, dayIn(books.timezone, now))
    : Promise.resolve(null)
  distance.catch(() => undefined)
  const row = (await c.query<Row>(statement(access), [id, books.timezone, books.currency])).rows[0]
  const offlineAfterMinutes = await offlineAfterMinutesOf(c, p.orgId)
  if (row === undefined) throw vehicleNotFound()
  const last = vehicle.last
  return {
    vehicleId: id,
    generatedAt: now.toISOString(),
    status: row.status,
    onboardingStatus: row.onboarding_status,
    live: {
      status: liveStatus(
        { timeMs: last?.timeMs ?? null, speedMps: last?.speedMps ?? null, ignition: last?.ignition ?? null },
        now.getTime(),
        offlineAfterMinutes * 60_000,
      ),
      at: last === null ? null : new Date(last.timeMs).toISOString(),
      speedKmh: last?.speedMps == null ? null : Math.round(last.speedMps * 36) / 10,
      ignition: last?.ignition ?? null,
      fuelLevelPct: last?.fuelLevelPct ?? null,
    },
    odometerKm: vehicle.odometerKm,
    driver: row.driver,
    distance: await distance,
    fuel: row.fuel,
    costs: row.costs,
    maintenance: row.maintenance,
    alerts: row.alerts,
    tickets: row.tickets,
    tasks: row.tasks,
    documents: row.documents,
  }
}
