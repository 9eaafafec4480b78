import { type DriverDashboard, HOME_EXPIRY_DAYS } from "@fleetcore/contract"
import type { ClickHouseClient } from "@fleetcore/platform"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { isoSql } from "../db/isoSql.js"
import { firstRow, sql } from "../db/sql.js"
import { driverNotFound, readableDrivers } from "../drivers/driverQueries.js"
import type { OrgBooks } from "../expenses/orgBooks.js"
import { driverDriving } from "../reports/driverDriving.js"
import { driverScore } from "../reports/driverScore.js"
import { driverStats } from "../reports/driverStats.js"
import type { ReportPeriod } from "../reports/reportPeriod.js"
import { expiringDocumentsSql, openTasksSql, openTicketsSql } from "./dashboardSql.js"

/** Which parts of a driver's dashboard the caller may read. */
export interface DriverDashboardAccess {
  readonly driving: boolean
  readonly penalties: boolean
  readonly tickets: boolean
  readonly tasks: boolean
  readonly documents: boolean
}

const TODAY = "(SELECT today FROM d)"

/**
 * One statement for the driver's records ($1 the driver, $2 the organisation's time zone): the
 * vehicle of the assignment covering now, the month so far, the vehicles driven in it, and each
 * part the caller may read ("null" otherwise). A task is the driver's when it names them or is
 * assigned to their login.
 */
const statement = (a: DriverDashboardAccess) => `WITH d AS (SELECT (now() AT TIME ZONE $2)::date AS today)
SELECT dr.status, dr.onboarding_status, to_char(dr.licence_expires_on, 'YYYY-MM-DD') AS licence_expires_on,
  to_char(date_trunc('month', ${TODAY}), 'YYYY-MM-DD') AS month_from, to_char(${TODAY}, 'YYYY-MM-DD') AS month_to,
  (SELECT json_build_object('id', v.id, 'name', v.name, 'plate', v.plate, 'since', ${isoSql("a.starts_at")})
   FROM driver_assignments a JOIN vehicles v ON v.id = a.vehicle_id
   WHERE a.driver_id = dr.id AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
   ORDER BY a.starts_at DESC LIMIT 1) AS vehicle,
  (SELECT coalesce(array_agg(DISTINCT a.vehicle_id), '{}') FROM driver_assignments a
   WHERE a.driver_id = dr.id AND a.starts_at <= now()
     AND (a.ends_at IS NULL OR a.ends_at > (date_trunc('month', ${TODAY})::timestamp AT TIME ZONE $2))) AS month_vehicles,
  ${
    a.penalties
      ? "(SELECT json_build_object('unpaid', count(*)::int) FROM penalties WHERE driver_id = dr.id AND status IN ('open', 'disputed'))"
      : "null"
  } AS penalties,
  ${a.tickets ? openTicketsSql("driver_id = dr.id") : "null"} AS tickets,
  ${a.tasks ? openTasksSql("(driver_id = dr.id OR (dr.user_id IS NOT NULL AND assignee_user_id = dr.user_id))") : "null"} AS tasks,
  ${a.documents ? expiringDocumentsSql("driver", "dr.id", TODAY, HOME_EXPIRY_DAYS) : "null"} AS documents
FROM drivers dr WHERE dr.id = $1`

type Dashboard = typeof DriverDashboard.Encoded

interface Row {
  status: Dashboard["status"]
  onboarding_status: Dashboard["onboardingStatus"]
  licence_expires_on: string | null
  month_from: string
  month_to: string
  vehicle: Dashboard["vehicle"]
  month_vehicles: ReadonlyArray<string>
  penalties: Dashboard["penalties"]
  tickets: Dashboard["tickets"]
  tasks: Dashboard["tasks"]
  documents: Dashboard["documents"]
}

/**
 * This month's driving of the driver, exactly as the drivers report counts it for the month (its
 * distance, time at the wheel, speeding, alerts, fines and fuel anomalies on the vehicles they drove,
 * and its score).
 */
const drivingOf = async (
  c: pg.ClientBase,
  ch: ClickHouseClient,
  orgId: string,
  driverId: string,
  vehicles: ReadonlyArray<string>,
  period: ReportPeriod,
  books: OrgBooks,
): Promise<NonNullable<Dashboard["driving"]>> => {
  const [driving, stats] = await Promise.all([
    driverDriving(c, ch, orgId, vehicles, period, books.timezone),
    driverStats(c, vehicles, period, books, driverId),
  ])
  const mine = driving.get(driverId) ?? { metres: 0, seconds: 0 }
  const s = stats.drivers.find((d) => d.id === driverId)
  const penalties = stats.penalties.filter((x) => x.driver_id === driverId).reduce((n, x) => n + x.count, 0)
  const km = Math.round(mine.metres / 100) / 10
  const counts = {
    speeding: Number(s?.speeding ?? 0),
    alerts: Number(s?.alerts ?? 0),
    penalties,
    fuelAnomalies: Number(s?.anomalies ?? 0),
  }
  return { km, hours: Math.round(mine.seconds / 360) / 10, ...counts, score: driverScore({ km, ...counts }) }
}

/** The dashboard of driver `id`, whom `p` must be able to read (404 otherwise); `c` is a `withOrg` connection. */
export const driverDashboard = async (
  c: pg.ClientBase,
  ch: ClickHouseClient,
  p: Principal,
  id: string,
  books: OrgBooks,
  access: DriverDashboardAccess,
  now: Date,
): Promise<Dashboard> => {
  const readable = await firstRow(
    c,
    sql.selectFrom("drivers as d").select("d.id").where("d.id", "=", id).where(readableDrivers(p, "d.id")),
  )
  if (readable === undefined) throw driverNotFound()
  const row = (await c.query<Row>(statement(access), [id, books.timezone])).rows[0]
  if (row === undefined) throw driverNotFound()
  const month = { from: row.month_from, to: row.month_to }
  return {
    driverId: id,
    generatedAt: now.toISOString(),
    status: row.status,
    onboardingStatus: row.onboarding_status,
    licenceExpiresOn: row.licence_expires_on,
    vehicle: row.vehicle,
    month,
    driving: access.driving
      ? await drivingOf(c, ch, p.orgId, id, row.month_vehicles, { preset: "custom", ...month }, books)
      : null,
    penalties: row.penalties,
    tickets: row.tickets,
    tasks: row.tasks,
    documents: row.documents,
  }
}
