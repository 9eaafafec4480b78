import type { ReportTable } from "@fleetcore/contract"
import { cents, money } from "./cents.js"
import { type ContractInPeriod, contractsInPeriod } from "./contractsInPeriod.js"
import type { ReportContext } from "./reportContext.js"
import { OriginalsTally } from "./reportTotals.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]
type Row = Record<string, string | number | null>

const COLUMNS: ReadonlyArray<Column> = [
  { key: "vehicle", kind: "text" },
  { key: "plate", kind: "text" },
  { key: "contractType", kind: "label" },
  { key: "contractor", kind: "text" },
  { key: "contractNumber", kind: "text" },
  { key: "startsOn", kind: "date" },
  { key: "endsOn", kind: "date" },
  { key: "costInPeriod", kind: "money" },
  { key: "daysLeft", kind: "number" },
  { key: "uninsuredDays", kind: "number" },
]

/** How many vehicles the coverage-gap chart shows. */
export const GAP_VEHICLES = 15

/**
 * Contracts and insurance coverage: one row per contract valid in the period (a vehicle without
 * any: one row of its own), with the payments due in the period in the organisation's currency,
 * the days left when it ends within 30 days of today, and, on each vehicle's first row, the days
 * of the period it had no valid insurance. Totals add the costs and the uninsured days, and count
 * (outside the columns) the contracts, those expiring soon and the vehicles with a gap.
 */
export const coverageReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const found = await contractsInPeriod(c, scope.ids, period, books, ctx.today)
  const byVehicle = new Map<string, Array<ContractInPeriod>>()
  for (const k of found.contracts) byVehicle.set(k.vehicle_id, [...(byVehicle.get(k.vehicle_id) ?? []), k])
  const originals = new OriginalsTally()
  let unconverted = 0
  let cost = 0n
  const rows: Array<Row> = []
  for (const v of scope.vehicles) {
    const uninsured = found.uncovered.get(v.id) ?? 0
    const list = byVehicle.get(v.id) ?? []
    const base = { vehicle: v.name, plate: v.plate }
    if (list.length === 0) {
      rows.push({
        ...base,
        contractType: null,
        contractor: null,
        contractNumber: null,
        startsOn: null,
        endsOn: null,
        costInPeriod: null,
        daysLeft: null,
        uninsuredDays: uninsured,
      })
      continue
    }
    list.forEach((k, i) => {
      if (k.payments > 0) originals.add(k.currency, k.amount, k.payments)
      unconverted += k.unconverted
      cost += cents(k.org_amount)
      rows.push({
        ...base,
        contractType: k.type,
        contractor: k.contractor,
        contractNumber: k.number,
        startsOn: k.starts_on,
        endsOn: k.ends_on,
        costInPeriod: k.org_amount,
        daysLeft: k.days_left,
        uninsuredDays: i === 0 ? uninsured : null,
      })
    })
  }
  const gaps = scope.vehicles
    .map((v) => ({ name: v.name, days: found.uncovered.get(v.id) ?? 0 }))
    .filter((g) => g.days > 0)
    .sort((a, b) => b.days - a.days || a.name.localeCompare(b.name))
  return {
    report: "coverage",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns: [...COLUMNS],
    rows,
    totals: {
      vehicle: null,
      plate: null,
      contractType: null,
      contractor: null,
      contractNumber: null,
      startsOn: null,
      endsOn: null,
      costInPeriod: money(cost),
      daysLeft: null,
      uninsuredDays: gaps.reduce((s, g) => s + g.days, 0),
      contracts: found.contracts.length,
      expiringSoon: found.contracts.filter((k) => k.days_left !== null).length,
      uninsuredVehicles: gaps.length,
    },
    charts: [
      {
        key: "uninsuredDays",
        kind: "bar",
        categoryLabels: "asIs",
        categories: gaps.slice(0, GAP_VEHICLES).map((g) => g.name),
        series: [{ key: "uninsuredDays", values: gaps.slice(0, GAP_VEHICLES).map((g) => g.days) }],
        valueKind: "number",
      },
    ],
    originals: originals.list(),
    unconverted,
  }
}
