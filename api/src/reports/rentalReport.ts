import type { ReportTable } from "@fleetcore/contract"
import { cents, money, units } from "./cents.js"
import { expenseSums } from "./expenseSums.js"
import { otherZoneDays } from "./otherZoneDays.js"
import { periodDistance } from "./periodDistance.js"
import { rentedVehicles } from "./rentedVehicles.js"
import type { ReportContext } from "./reportContext.js"
import { OriginalsTally } from "./reportTotals.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]
type Row = Record<string, string | number | null>

const COLUMNS: ReadonlyArray<Column> = [
  { key: "vehicle", kind: "text" },
  { key: "plate", kind: "text" },
  { key: "lessor", kind: "text" },
  { key: "endsOn", kind: "date" },
  { key: "daysLeft", kind: "number" },
  { key: "monthlyCost", kind: "money" },
  { key: "rentedDays", kind: "number" },
  { key: "rentDue", kind: "money" },
  { key: "rentPaid", kind: "money" },
  { key: "otherCosts", kind: "money" },
  { key: "distanceKm", kind: "distance" },
  { key: "costPerKm", kind: "money" },
]

const km = (m: number) => Math.round(m / 100) / 10
/** Cost per km when at least 1 km was driven. */
const perKm = (total: bigint, m: number) =>
  m >= 1000 ? money(BigInt(Math.round((Number(total) * 1000) / m))) : null

/**
 * Rental analytics (seed 003): per rented vehicle its lessor, end and days left when within 30
 * days, monthly rent, days rented in the period, the rent the terms come to, the rent paid (the
 * period's `rental` expenses) and its other expenses, distance and cost per km (all its expenses
 * over its distance). The chart sets the rented vehicles' cost per km against the owned ones' (their
 * expenses over their distance: running costs, the purchase price left out).
 */
export const rentalReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const rented = await rentedVehicles(c, scope.ids, period, books, ctx.today)
  const expenses = await expenseSums(c, scope.ids, period)
  const metres = await periodDistance(ctx.ch, ctx.principal.orgId, scope.ids, period)
  const isRented = new Map(rented.map((r) => [r.vehicle_id, r]))
  const rent = new Map<string, bigint>()
  const other = new Map<string, bigint>()
  const originals = new OriginalsTally()
  let unconverted = 0
  for (const e of expenses) {
    const into = e.category === "rental" ? rent : other
    into.set(e.vehicle_id, (into.get(e.vehicle_id) ?? 0n) + cents(e.org_amount))
    if (isRented.has(e.vehicle_id)) {
      originals.add(e.currency, e.amount, e.items)
      unconverted += e.unconverted
    }
  }
  const fleet = { owned: { cost: 0n, m: 0 }, rented: { cost: 0n, m: 0 } }
  for (const v of scope.vehicles) {
    const side = isRented.has(v.id) ? fleet.rented : fleet.owned
    side.cost += (rent.get(v.id) ?? 0n) + (other.get(v.id) ?? 0n)
    side.m += metres.get(v.id) ?? 0
  }
  const sums = { monthly: 0n, due: 0n, paid: 0n, other: 0n, days: 0 }
  const rows: Array<Row> = scope.vehicles.flatMap((v) => {
    const r = isRented.get(v.id)
    if (r === undefined) return []
    const paid = rent.get(v.id) ?? 0n
    const others = other.get(v.id) ?? 0n
    const m = metres.get(v.id) ?? 0
    if (r.monthly !== null && r.org_monthly === null) unconverted += 1
    sums.monthly += cents(r.org_monthly)
    sums.due += cents(r.org_due)
    sums.paid += paid
    sums.other += others
    sums.days += r.rented_days
    return [
      {
        vehicle: v.name,
        plate: v.plate,
        lessor: r.lessor,
        endsOn: r.ends_on,
        daysLeft: r.days_left,
        monthlyCost: r.org_monthly,
        rentedDays: r.rented_days,
        rentDue: r.org_due,
        rentPaid: money(paid),
        otherCosts: money(others),
        distanceKm: km(m),
        costPerKm: perKm(paid + others, m),
      },
    ]
  })
  const ownedPerKm = perKm(fleet.owned.cost, fleet.owned.m)
  const rentedPerKm = perKm(fleet.rented.cost, fleet.rented.m)
  const zones = await otherZoneDays(ctx.ch, ctx.principal.orgId, scope.ids, period, books.timezone)
  return {
    report: "rental",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns: [...COLUMNS],
    rows,
    totals: {
      vehicle: null,
      plate: null,
      lessor: null,
      endsOn: null,
      daysLeft: null,
      monthlyCost: money(sums.monthly),
      rentedDays: sums.days,
      rentDue: money(sums.due),
      rentPaid: money(sums.paid),
      otherCosts: money(sums.other),
      distanceKm: km(fleet.rented.m),
      costPerKm: rentedPerKm,
      rentedVehicles: rows.length,
      expiringSoon: rented.filter((r) => r.days_left !== null).length,
      ownedCostPerKm: ownedPerKm,
    },
    charts: [
      {
        key: "ownedVsRented",
        kind: "bar",
        categoryLabels: "translate",
        categories: ["owned", "rented"],
        series: [{ key: "costPerKm", values: [units(cents(ownedPerKm)), units(cents(rentedPerKm))] }],
      },
    ],
    originals: originals.list(),
    unconverted,
    ...zones,
  }
}
