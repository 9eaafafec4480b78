import type { ReportTable } from "@fleetcore/contract"
import { cents, money, units } from "./cents.js"
import { serviceSums, taskCounts } from "./maintenanceSums.js"
import type { ReportContext } from "./reportContext.js"
import { monthsOf } from "./reportPeriod.js"
import { CentsByKey, OriginalsTally } from "./reportTotals.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]
type Row = Record<string, string | number | null>

/** The vendor category of services recorded without one. */
export const NO_VENDOR = "—"

const COLUMNS: ReadonlyArray<Column> = [
  { key: "vehicle", kind: "text" },
  { key: "plate", kind: "text" },
  { key: "services", kind: "number" },
  { key: "serviceCost", kind: "money" },
  { key: "due", kind: "number" },
  { key: "overdue", kind: "number" },
  { key: "onTime", kind: "number" },
  { key: "late", kind: "number" },
  { key: "onTimePct", kind: "percent" },
  { key: "lastService", kind: "date" },
]

interface VehicleTally {
  services: number
  cost: bigint
  onTime: number
  late: number
  last: string | null
}

const onTimePct = (onTime: number, late: number) =>
  onTime + late === 0 ? null : Math.round((onTime / (onTime + late)) * 1000) / 10

/** Keys of `sums` by their total, largest first (ties by name). */
const ranked = (sums: CentsByKey) =>
  [...sums.keys()].sort((a, b) => {
    const d = sums.get(b) - sums.get(a)
    return d === 0n ? a.localeCompare(b) : d > 0n ? 1 : -1
  })

/**
 * Maintenance per vehicle and for the fleet (the totals): services completed in the period and
 * their cost in the organisation's currency, tasks due in the period and overdue at its end, and
 * completions on time against late. Charts: cost by month stacked by service type, by type and by
 * vendor.
 */
export const maintenanceReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const [services, tasks] = [
    await serviceSums(c, scope.ids, period, books.currency),
    await taskCounts(c, scope.ids, period),
  ]
  const months = monthsOf(period)
  const perVehicle = new Map<string, VehicleTally>()
  const byType = new CentsByKey()
  const byVendor = new CentsByKey()
  const byMonth = new Map<string, CentsByKey>(months.map((m) => [m, new CentsByKey()]))
  const originals = new OriginalsTally()
  let unconverted = 0
  for (const s of services) {
    const t = perVehicle.get(s.vehicle_id) ?? { services: 0, cost: 0n, onTime: 0, late: 0, last: null }
    const cost = cents(s.org_amount)
    t.services += s.services
    t.cost += cost
    t.onTime += s.on_time
    t.late += s.late
    t.last = t.last === null || s.last_on > t.last ? s.last_on : t.last
    perVehicle.set(s.vehicle_id, t)
    byType.add(s.type, cost)
    byVendor.add(s.vendor ?? NO_VENDOR, cost)
    byMonth.get(s.month)?.add(s.type, cost)
    if (s.currency !== null) originals.add(s.currency, s.amount, s.priced)
    unconverted += s.unconverted
  }
  const counts = new Map(tasks.map((t) => [t.vehicle_id, t]))
  const fleet = { services: 0, cost: 0n, due: 0, overdue: 0, onTime: 0, late: 0 }
  const rows: Array<Row> = scope.vehicles.map((v) => {
    const t = perVehicle.get(v.id)
    const k = counts.get(v.id)
    fleet.services += t?.services ?? 0
    fleet.cost += t?.cost ?? 0n
    fleet.due += k?.due ?? 0
    fleet.overdue += k?.overdue ?? 0
    fleet.onTime += t?.onTime ?? 0
    fleet.late += t?.late ?? 0
    return {
      vehicle: v.name,
      plate: v.plate,
      services: t?.services ?? 0,
      serviceCost: money(t?.cost ?? 0n),
      due: k?.due ?? 0,
      overdue: k?.overdue ?? 0,
      onTime: t?.onTime ?? 0,
      late: t?.late ?? 0,
      onTimePct: onTimePct(t?.onTime ?? 0, t?.late ?? 0),
      lastService: t?.last ?? null,
    }
  })
  const types = ranked(byType)
  const vendors = ranked(byVendor).filter((k) => byVendor.get(k) !== 0n)
  return {
    report: "maintenance",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns: [...COLUMNS],
    rows,
    totals: {
      vehicle: null,
      plate: null,
      services: fleet.services,
      serviceCost: money(fleet.cost),
      due: fleet.due,
      overdue: fleet.overdue,
      onTime: fleet.onTime,
      late: fleet.late,
      onTimePct: onTimePct(fleet.onTime, fleet.late),
      lastService: null,
    },
    charts: [
      {
        key: "costByMonth",
        kind: "stackedBar",
        categoryLabels: "month",
        categories: [...months],
        series: types
          .filter((k) => byType.get(k) !== 0n)
          .map((k) => ({ key: k, values: months.map((m) => units(byMonth.get(m)?.get(k) ?? 0n)) })),
      },
      {
        key: "costByType",
        kind: "pie",
        categoryLabels: "asIs",
        categories: types.filter((k) => byType.get(k) !== 0n),
        series: [
          {
            key: "total",
            values: types.filter((k) => byType.get(k) !== 0n).map((k) => units(byType.get(k))),
          },
        ],
      },
      {
        key: "costByVendor",
        kind: "pie",
        categoryLabels: "asIs",
        categories: vendors,
        series: [{ key: "total", values: vendors.map((k) => units(byVendor.get(k))) }],
      },
    ],
    originals: originals.list(),
    unconverted,
  }
}
