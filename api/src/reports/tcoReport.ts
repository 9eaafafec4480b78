import { EXPENSE_CATEGORIES, type ReportTable } from "@fleetcore/contract"
import { cents, money, units } from "./cents.js"
import { expenseSums } from "./expenseSums.js"
import { OTHER_COST_KINDS, otherCosts } from "./otherCosts.js"
import { otherZoneDays } from "./otherZoneDays.js"
import { periodDistance } from "./periodDistance.js"
import type { ReportContext } from "./reportContext.js"
import { CentsByKey, OriginalsTally } from "./reportTotals.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]
type Row = Record<string, string | number | null>

/** How many vehicles the "most expensive" chart shows. */
export const TOP_VEHICLES = 10

/**
 * Total cost of ownership per vehicle: its purchase when bought in the period, its expenses by
 * category (premiums, rent and the fines the company paid among them) and the payments of the
 * contracts the ledger has no category for (`otherCosts.ts`), each payment counted once, all in the
 * organisation's currency; distance in the period and cost per km; most expensive first. The
 * totals row sums every vehicle's; cost per km of the totals is the fleet's total cost over its
 * total distance.
 */
export const tcoReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const [expenses, others, metres] = [
    await expenseSums(c, scope.ids, period),
    await otherCosts(c, scope.ids, period, books),
    await periodDistance(ctx.ch, ctx.principal.orgId, scope.ids, period),
  ]
  const perVehicle = new Map<string, CentsByKey>(scope.ids.map((id) => [id, new CentsByKey()]))
  const originals = new OriginalsTally()
  const used = new Set<string>()
  let unconverted = 0
  for (const e of expenses) {
    perVehicle.get(e.vehicle_id)?.add(e.category, cents(e.org_amount))
    used.add(e.category)
    originals.add(e.currency, e.amount, e.items)
    unconverted += e.unconverted
  }
  for (const o of others) {
    perVehicle.get(o.vehicle_id)?.add(o.kind, cents(o.org_amount))
    originals.add(o.currency, o.amount, o.items)
    unconverted += o.unconverted
  }
  const costKeys = [
    "purchase",
    ...EXPENSE_CATEGORIES.filter((k) => used.has(k)),
    ...OTHER_COST_KINDS.filter((k) => k !== "purchase"),
  ]
  const columns: Array<Column> = [
    { key: "vehicle", kind: "text" },
    { key: "plate", kind: "text" },
    ...costKeys.map((key): Column => ({ key, kind: "money" })),
    { key: "total", kind: "money" },
    { key: "distanceKm", kind: "distance" },
    { key: "costPerKm", kind: "money" },
  ]
  const fleet = new CentsByKey()
  let fleetMetres = 0
  const ranked = scope.vehicles
    .map((v) => {
      const sums = perVehicle.get(v.id) ?? new CentsByKey()
      const total = costKeys.reduce((s, k) => s + sums.get(k), 0n)
      const m = metres.get(v.id) ?? 0
      for (const k of costKeys) fleet.add(k, sums.get(k))
      fleetMetres += m
      return { v, sums, total, m }
    })
    .sort((a, b) => (a.total === b.total ? a.v.name.localeCompare(b.v.name) : a.total > b.total ? -1 : 1))
  const perKm = (total: bigint, m: number) =>
    m >= 1000 ? money(BigInt(Math.round((Number(total) * 1000) / m))) : null
  const km = (m: number) => Math.round(m / 100) / 10
  const rows: Array<Row> = ranked.map(({ v, sums, total, m }) => ({
    vehicle: v.name,
    plate: v.plate,
    ...Object.fromEntries(costKeys.map((k) => [k, money(sums.get(k))])),
    total: money(total),
    distanceKm: km(m),
    costPerKm: perKm(total, m),
  }))
  const fleetTotal = costKeys.reduce((s, k) => s + fleet.get(k), 0n)
  const top = ranked.filter((r) => r.total > 0n).slice(0, TOP_VEHICLES)
  const zones = await otherZoneDays(ctx.ch, ctx.principal.orgId, scope.ids, period, books.timezone)
  return {
    report: "tco",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns,
    rows,
    totals: {
      vehicle: null,
      plate: null,
      ...Object.fromEntries(costKeys.map((k) => [k, money(fleet.get(k))])),
      total: money(fleetTotal),
      distanceKm: km(fleetMetres),
      costPerKm: perKm(fleetTotal, fleetMetres),
    },
    charts: [
      {
        key: "topVehicles",
        kind: "stackedBar",
        categoryLabels: "asIs",
        categories: top.map((r) => r.v.name),
        series: costKeys
          .filter((k) => top.some((r) => r.sums.get(k) !== 0n))
          .map((k) => ({ key: k, values: top.map((r) => units(r.sums.get(k))) })),
      },
    ],
    originals: originals.list(),
    unconverted,
    ...zones,
  }
}
