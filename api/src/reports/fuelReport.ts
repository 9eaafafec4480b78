import type { ReportTable } from "@fleetcore/contract"
import { cents, money, units } from "./cents.js"
import { CARD_LIMIT_SERIES, type CardLimitUse, cardLimitUse } from "./fuelCardUse.js"
import { ratedConsumption, refuelSums } from "./fuelRefuels.js"
import { fuelSensorSums } from "./fuelSensorSums.js"
import { otherZoneDays } from "./otherZoneDays.js"
import { periodDistance } from "./periodDistance.js"
import type { ReportContext } from "./reportContext.js"
import { monthsOf } from "./reportPeriod.js"
import { OriginalsTally } from "./reportTotals.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]
type Row = Record<string, string | number | null>

/** What a vehicle (or the fleet) adds up to; litres in hundredths, money in cents. */
interface FuelTally {
  refuels: number
  litres: bigint
  cost: bigint
  pricedLitres: number
  measuredL: number
  measuredKm: number
  anomalies: number
  anomalyL: number
}
const tally = (): FuelTally => ({
  refuels: 0,
  litres: 0n,
  cost: 0n,
  pricedLitres: 0,
  measuredL: 0,
  measuredKm: 0,
  anomalies: 0,
  anomalyL: 0,
})

const round1 = (n: number) => Math.round(n * 10) / 10
/** Litres per 100 km, or null without a distance to divide by. */
const per100 = (litres: number, km: number) => (km > 0 ? (litres / km) * 100 : null)
const diffPct = (actual: number | null, rated: number | null | undefined) =>
  actual === null || rated === null || rated === undefined || rated <= 0
    ? null
    : round1(((actual - rated) / rated) * 100)
const perLitre = (cost: bigint, litres: number) =>
  litres > 0 ? money(BigInt(Math.round(Number(cost) / litres))) : null

const COLUMNS: ReadonlyArray<Column> = [
  { key: "vehicle", kind: "text" },
  { key: "plate", kind: "text" },
  { key: "refuels", kind: "number" },
  { key: "litres", kind: "decimal" },
  { key: "fuelCost", kind: "money" },
  { key: "costPerLitre", kind: "money" },
  { key: "distanceKm", kind: "distance" },
  { key: "ratedL100", kind: "decimal" },
  { key: "refuelL100", kind: "decimal" },
  { key: "refuelDiffPct", kind: "percent" },
  { key: "sensorL100", kind: "decimal" },
  { key: "sensorDiffPct", kind: "percent" },
  { key: "anomalies", kind: "number" },
  { key: "anomalyL", kind: "decimal" },
  { key: "fills", kind: "number" },
  { key: "fillL", kind: "decimal" },
  { key: "thefts", kind: "number" },
  { key: "theftL", kind: "decimal" },
]

/**
 * Fuel per vehicle: refuels (litres, cost in the organisation's currency, cost per litre), distance,
 * L/100 km from refuels (full-tank method) and from the trips' fuel counter against the type's
 * rating, refuels flagged by the consumption check, and the level sensor's fills and thefts. The
 * totals are the fleet's: its L/100 km is its litres over its distance, and its difference from the
 * rating counts rated vehicles only. Charts: the cost of a litre by month, and each fuel card's
 * highest share of its limits.
 */
export const fuelReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const orgId = ctx.principal.orgId
  const [refuels, rated, metres, sensor, cards] = [
    await refuelSums(c, scope.ids, period),
    await ratedConsumption(c, scope.ids),
    await periodDistance(ctx.ch, orgId, scope.ids, period),
    await fuelSensorSums(ctx.ch, orgId, scope.ids, period, books.timezone),
    await cardLimitUse(c, scope.ids, period),
  ]
  const months = monthsOf(period)
  const perVehicle = new Map<string, FuelTally>()
  const perMonth = new Map<string, { cost: bigint; litres: number }>()
  const originals = new OriginalsTally()
  let unconverted = 0
  for (const r of refuels) {
    const t = perVehicle.get(r.vehicle_id) ?? tally()
    t.refuels += r.refuels
    t.litres += cents(r.litres)
    t.cost += cents(r.org_amount)
    t.pricedLitres += r.priced_litres
    t.measuredL += r.measured_litres
    t.measuredKm += r.measured_km
    t.anomalies += r.anomalies
    t.anomalyL += r.anomaly_l
    perVehicle.set(r.vehicle_id, t)
    const m = perMonth.get(r.month) ?? { cost: 0n, litres: 0 }
    perMonth.set(r.month, { cost: m.cost + cents(r.org_amount), litres: m.litres + r.priced_litres })
    originals.add(r.currency, r.amount, r.refuels)
    unconverted += r.unconverted
  }

  const fleet = tally()
  const fleetSensor = { usedL: 0, usedKm: 0, fills: 0, fillL: 0, thefts: 0, theftL: 0 }
  // Rated vehicles only: litres measured and the litres their ratings expect over the same distance.
  const ratedRefuel = { litres: 0, expected: 0 }
  const ratedSensor = { litres: 0, expected: 0 }
  let fleetMetres = 0
  const rows: Array<Row> = scope.vehicles.map((v) => {
    const t = perVehicle.get(v.id) ?? tally()
    const s = sensor.get(v.id)
    const m = metres.get(v.id) ?? 0
    const r = rated.get(v.id)
    const usedKm = (s?.usedMetres ?? 0) / 1000
    const refuelL100 = per100(t.measuredL, t.measuredKm)
    const sensorL100 = usedKm >= 1 ? per100(s?.usedL ?? 0, usedKm) : null
    fleet.refuels += t.refuels
    fleet.litres += t.litres
    fleet.cost += t.cost
    fleet.pricedLitres += t.pricedLitres
    fleet.measuredL += t.measuredL
    fleet.measuredKm += t.measuredKm
    fleet.anomalies += t.anomalies
    fleet.anomalyL += t.anomalyL
    fleetMetres += m
    if (s !== undefined) {
      if (usedKm >= 1) {
        fleetSensor.usedL += s.usedL
        fleetSensor.usedKm += usedKm
      }
      fleetSensor.fills += s.fills
      fleetSensor.fillL += s.fillL
      fleetSensor.thefts += s.thefts
      fleetSensor.theftL += s.theftL
    }
    if (r !== undefined && refuelL100 !== null) {
      ratedRefuel.litres += t.measuredL
      ratedRefuel.expected += (r * t.measuredKm) / 100
    }
    if (r !== undefined && sensorL100 !== null) {
      ratedSensor.litres += s?.usedL ?? 0
      ratedSensor.expected += (r * usedKm) / 100
    }
    return {
      vehicle: v.name,
      plate: v.plate,
      refuels: t.refuels,
      litres: Number(t.litres) / 100,
      fuelCost: money(t.cost),
      costPerLitre: perLitre(t.cost, t.pricedLitres),
      distanceKm: round1(m / 1000),
      ratedL100: r ?? null,
      refuelL100: refuelL100 === null ? null : round1(refuelL100),
      refuelDiffPct: diffPct(refuelL100, r),
      sensorL100: sensorL100 === null ? null : round1(sensorL100),
      sensorDiffPct: diffPct(sensorL100, r),
      anomalies: t.anomalies,
      anomalyL: round1(t.anomalyL),
      fills: s?.fills ?? 0,
      fillL: round1(s?.fillL ?? 0),
      thefts: s?.thefts ?? 0,
      theftL: round1(s?.theftL ?? 0),
    }
  })
  const ratedDiff = (x: { litres: number; expected: number }) =>
    x.expected > 0 ? round1(((x.litres - x.expected) / x.expected) * 100) : null
  const fleetRefuelL100 = per100(fleet.measuredL, fleet.measuredKm)
  const fleetSensorL100 = fleetSensor.usedKm >= 1 ? per100(fleetSensor.usedL, fleetSensor.usedKm) : null

  const cardNames = [...new Map(cards.map((k) => [k.id, k])).values()].map((k) => ({
    id: k.id,
    label: k.number_last4 === null ? k.name : `${k.name} ·${k.number_last4}`,
  }))
  const limitSeries = (Object.keys(CARD_LIMIT_SERIES) as Array<keyof typeof CARD_LIMIT_SERIES>).filter((p) =>
    cards.some((k) => k.period === p),
  )
  const zones = await otherZoneDays(ctx.ch, ctx.principal.orgId, scope.ids, period, books.timezone)
  return {
    report: "fuel",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns: [...COLUMNS],
    rows,
    totals: {
      vehicle: null,
      plate: null,
      refuels: fleet.refuels,
      litres: Number(fleet.litres) / 100,
      fuelCost: money(fleet.cost),
      costPerLitre: perLitre(fleet.cost, fleet.pricedLitres),
      distanceKm: round1(fleetMetres / 1000),
      ratedL100: null,
      refuelL100: fleetRefuelL100 === null ? null : round1(fleetRefuelL100),
      refuelDiffPct: ratedDiff(ratedRefuel),
      sensorL100: fleetSensorL100 === null ? null : round1(fleetSensorL100),
      sensorDiffPct: ratedDiff(ratedSensor),
      anomalies: fleet.anomalies,
      anomalyL: round1(fleet.anomalyL),
      fills: fleetSensor.fills,
      fillL: round1(fleetSensor.fillL),
      thefts: fleetSensor.thefts,
      theftL: round1(fleetSensor.theftL),
    },
    charts: [
      {
        key: "costPerLitreByMonth",
        kind: "bar",
        categoryLabels: "month",
        categories: [...months],
        series: [
          {
            key: "costPerLitre",
            values: months.map((m) => {
              const at = perMonth.get(m)
              const price = at === undefined ? null : perLitre(at.cost, at.litres)
              return price === null ? 0 : units(cents(price))
            }),
          },
        ],
      },
      // Only when cards with limits were used: an organisation without them has nothing to compare.
      ...cardChart(cardNames, limitSeries, cards),
    ],
    originals: originals.list(),
    unconverted,
    ...zones,
  }
}

const cardChart = (
  cardNames: ReadonlyArray<{ readonly id: string; readonly label: string }>,
  limitSeries: ReadonlyArray<keyof typeof CARD_LIMIT_SERIES>,
  cards: ReadonlyArray<CardLimitUse>,
): Table["charts"] =>
  cardNames.length === 0
    ? []
    : [
        {
          key: "cardLimits",
          kind: "bar",
          valueKind: "percent",
          categoryLabels: "asIs",
          categories: cardNames.map((k) => k.label),
          series: limitSeries.map((p) => ({
            key: CARD_LIMIT_SERIES[p],
            values: cardNames.map((k) => cards.find((u) => u.id === k.id && u.period === p)?.max_pct ?? 0),
          })),
        },
      ]
