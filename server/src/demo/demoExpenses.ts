import { randomUUID } from "node:crypto"
import { checkRefuel } from "@fleetcore/engine"
import type pg from "pg"
import { bulkInsert } from "./bulkInsert.js"
import { FUEL_STATIONS, SERVICE_VENDORS } from "./demoCatalogue.js"
import {
  DAYS,
  type DemoContext,
  type DrivingSpell,
  dateOf,
  odometerOn,
  type PlannedVehicle,
  round2,
  timeOf,
} from "./demoPlan.js"

/** An expense before its rate is known: amount in `currency` on a day index. */
export interface PlannedExpense {
  readonly vehicle: PlannedVehicle
  readonly day: number
  readonly category: string
  readonly amount: number
  readonly currency: string
  readonly description: string
  readonly vendor: string | null
}

const FUEL_PRICE_KZT: Readonly<Record<string, number>> = { gasoline: 255, diesel: 310, gas: 115 }
const ANOMALY_THRESHOLD_PCT = 15

/** Who drove `vehicleId` on a day index, if anyone. */
export const driverOn = (spells: ReadonlyArray<DrivingSpell>) => {
  const byVehicle = new Map<string, DrivingSpell[]>()
  for (const s of spells) byVehicle.set(s.vehicleId, [...(byVehicle.get(s.vehicleId) ?? []), s])
  return (vehicleId: string, day: number): string | null =>
    byVehicle.get(vehicleId)?.find((s) => day >= s.fromDay && (s.toDay === null || day <= s.toDay))
      ?.driverId ?? null
}

/** Weekly USD and EUR rates in KZT over the year; returns the rate in force on a day index. */
export const seedRates = async (client: pg.ClientBase, ctx: DemoContext) => {
  const rates = new Map<string, number[]>()
  const rows: Array<Record<string, unknown>> = []
  for (const [currency, start] of [
    ["USD", 492],
    ["EUR", 531],
  ] as const) {
    const weekly: number[] = []
    let rate: number = start
    for (let week = 0; week * 7 <= DAYS; week++) {
      rate = round2(rate * (1 + ctx.random.between(-0.012, 0.013)))
      weekly.push(rate)
      rows.push({ org_id: ctx.orgId, currency, base: "KZT", rate_on: dateOf(ctx, week * 7), rate })
    }
    rates.set(currency, weekly)
  }
  await bulkInsert(
    client,
    "currency_rates",
    { org_id: "uuid", currency: "text", base: "text", rate_on: "date", rate: "numeric" },
    rows,
  )
  return (currency: string, day: number): { rate: number; rateOn: string } => {
    if (currency === "KZT") return { rate: 1, rateOn: dateOf(ctx, day) }
    const week = Math.floor(day / 7)
    return { rate: rates.get(currency)?.[week] as number, rateOn: dateOf(ctx, week * 7) }
  }
}

/**
 * A year of refuels per vehicle, each replacing what the type's rated consumption burnt since the
 * previous one (±8 %), and a few anomalies well above it; checked exactly as the API checks them.
 */
export const planRefuels = (ctx: DemoContext, vehicles: ReadonlyArray<PlannedVehicle>) => {
  const { random } = ctx
  const refuels: Array<{
    expense: PlannedExpense
    litres: number
    odometerKm: number
    id: string
    check: ReturnType<typeof checkRefuel>
  }> = []
  for (const v of vehicles) {
    const rated = v.model.rated
    const interval = Math.max(
      5,
      Math.min(30, Math.floor((((v.model.tank * 0.75) / rated) * 100) / v.dailyKm)),
    )
    let previous: { odometerKm: number } | null = null
    for (
      let day = random.int(interval);
      day <= Math.min(v.lastDay, DAYS - 1);
      day += interval - 1 + random.int(3)
    ) {
      const odometerKm = odometerOn(v, day) + random.int(40)
      const burnt =
        previous === null ? v.model.tank * 0.6 : ((odometerKm - previous.odometerKm) / 100) * rated
      const litres = round2(
        Math.min(
          v.model.tank * 1.05,
          burnt * (random.chance(0.015) ? random.between(1.3, 1.6) : random.between(0.93, 1.08)),
        ),
      )
      if (litres <= 0) continue
      const price = (FUEL_PRICE_KZT[v.model.fuel] ?? 255) * random.between(0.97, 1.03)
      refuels.push({
        id: randomUUID(),
        litres,
        odometerKm,
        check: checkRefuel(previous, { odometerKm, litres }, rated, ANOMALY_THRESHOLD_PCT),
        expense: {
          vehicle: v,
          day,
          category: "fuel",
          amount: Math.round(litres * price),
          currency: "KZT",
          description: `${litres} L ${v.model.fuel === "diesel" ? "DT" : v.model.fuel === "gas" ? "LPG" : "AI-92"}`,
          vendor: random.pick(FUEL_STATIONS),
        },
      })
      previous = { odometerKm }
    }
  }
  return refuels
}

/** The running costs besides fuel and the contracts': washing, parking, tolls, parts, tax, rent, others. */
export const planRunningCosts = (
  ctx: DemoContext,
  vehicles: ReadonlyArray<PlannedVehicle>,
): PlannedExpense[] => {
  const { random } = ctx
  const out: PlannedExpense[] = []
  const add = (
    v: PlannedVehicle,
    category: string,
    amount: number,
    currency: string,
    description: string,
    vendor: string | null,
    day = random.int(v.lastDay),
  ) => out.push({ vehicle: v, day, category, amount, currency, description, vendor })
  for (const v of vehicles) {
    for (let i = 3 + random.int(6); i > 0; i--)
      add(v, "washing", 2500 + 500 * random.int(8), "KZT", "Car wash", "Wash&Go")
    for (let i = 1 + random.int(5); i > 0; i--)
      add(v, "parking", 300 + 100 * random.int(30), "KZT", "City parking", "Almaty Parking")
    if (v.model.body === "truck" || v.model.body === "van" || v.model.body === "bus")
      for (let i = 4 + random.int(8); i > 0; i--)
        add(v, "toll", 1000 + 250 * random.int(20), "KZT", "Toll road Almaty – Kapchagay", "KazAvtoZhol")
    for (let i = 1 + random.int(3); i > 0; i--) {
      const eur = random.chance(0.12)
      const kzt = 12_000 + 1000 * random.int(200)
      add(
        v,
        "parts",
        eur ? round2(kzt / 530) : kzt,
        eur ? "EUR" : "KZT",
        random.pick(["Brake pads", "Tyres", "Battery", "Wiper blades", "Headlight", "Filters"]),
        random.pick(SERVICE_VENDORS),
      )
    }
    add(
      v,
      "tax",
      Math.round(v.model.engineL * 9_000 * random.between(0.9, 1.1)),
      "KZT",
      "Annual vehicle tax",
      "State Revenue Committee",
      Math.min(v.lastDay, 200 + random.int(60)),
    )
    if (random.chance(0.25)) {
      const usd = random.chance(0.3)
      add(
        v,
        "other",
        usd ? 20 + random.int(80) : 5000 + 500 * random.int(40),
        usd ? "USD" : "KZT",
        random.pick(["GPS tracker subscription", "Technical inspection", "Dashcam"]),
        null,
      )
    }
    if (v.rental !== null) {
      const rental = v.rental
      for (
        let day = Math.floor((Date.parse(rental.startsOn) - ctx.today.getTime()) / 86_400_000) + DAYS;
        day <= DAYS;
        day += 30
      )
        add(v, "rental", rental.monthly, rental.currency, "Monthly rent", rental.lessor, day)
    }
  }
  return out
}

/** Stores the expenses (converted at the rate in force) and the refuels' checks; returns totals per month (KZT). */
export const storeExpenses = async (
  client: pg.ClientBase,
  ctx: DemoContext,
  expenses: ReadonlyArray<PlannedExpense & { readonly id?: string }>,
  refuels: ReturnType<typeof planRefuels>,
  rateOn: (currency: string, day: number) => { rate: number; rateOn: string },
  driverAt: (vehicleId: string, day: number) => string | null,
): Promise<Map<string, number>> => {
  const { random } = ctx
  const monthly = new Map<string, number>()
  const rows = [...refuels.map((r) => ({ ...r.expense, id: r.id })), ...expenses].map((e) => {
    const { rate, rateOn: on } = rateOn(e.currency, e.day)
    const month = dateOf(ctx, e.day).slice(0, 7)
    monthly.set(month, (monthly.get(month) ?? 0) + e.amount * rate)
    return {
      id: e.id ?? randomUUID(),
      org_id: ctx.orgId,
      vehicle_id: e.vehicle.id,
      driver_id: driverAt(e.vehicle.id, e.day),
      category: e.category,
      amount: e.amount,
      currency: e.currency,
      spent_at: timeOf(ctx, e.day, 7 + random.int(14), random.int(60)),
      spent_on: dateOf(ctx, e.day),
      description: e.description,
      vendor: e.vendor,
      org_currency: "KZT",
      rate,
      rate_on: on,
    }
  })
  await bulkInsert(
    client,
    "expenses",
    {
      id: "uuid",
      org_id: "uuid",
      vehicle_id: "uuid",
      driver_id: "uuid",
      category: "text",
      amount: "numeric",
      currency: "text",
      spent_at: "timestamptz",
      spent_on: "date",
      description: "text",
      vendor: "text",
      org_currency: "text",
      rate: "numeric",
      rate_on: "date",
    },
    rows,
  )
  await bulkInsert(
    client,
    "fuel_entries",
    {
      id: "uuid",
      org_id: "uuid",
      litres: "numeric",
      odometer_km: "numeric",
      distance_km: "numeric",
      expected_l: "numeric",
      difference_l: "numeric",
      difference_pct: "numeric",
      anomaly: "boolean",
      anomaly_status: "text",
      check_skipped: "text",
    },
    refuels.map((r) => {
      const checked = r.check.kind === "checked" ? r.check : null
      return {
        id: r.id,
        org_id: ctx.orgId,
        litres: r.litres,
        odometer_km: r.odometerKm,
        distance_km: checked?.distanceKm ?? null,
        expected_l: checked?.expectedL ?? null,
        difference_l: checked?.differenceL ?? null,
        difference_pct: checked?.differencePct ?? null,
        anomaly: checked?.anomaly ?? false,
        anomaly_status: checked?.anomaly === true ? "unchecked" : "none",
        check_skipped:
          r.check.kind === "baseline" ? "first_refuel" : r.check.kind === "unrated" ? "unrated" : null,
      }
    }),
  )
  return monthly
}

/** A monthly budget for the whole fleet near what was spent (some months over it), and a yearly fuel budget. */
export const seedBudgets = async (
  client: pg.ClientBase,
  ctx: DemoContext,
  monthly: ReadonlyMap<string, number>,
  fuelYear: number,
) => {
  const rows: Array<Record<string, unknown>> = [...monthly].map(([month, spent]) => ({
    org_id: ctx.orgId,
    category: null,
    period: "month",
    period_start: `${month}-01`,
    amount: Math.round((spent * ctx.random.between(0.9, 1.15)) / 1000) * 1000,
    currency: "KZT",
  }))
  rows.push({
    org_id: ctx.orgId,
    category: "fuel",
    period: "year",
    period_start: `${ctx.today.getUTCFullYear()}-01-01`,
    amount: Math.round(fuelYear / 1e6) * 1e6 + 5e6,
    currency: "KZT",
  })
  await bulkInsert(
    client,
    "budgets",
    {
      org_id: "uuid",
      category: "text",
      period: "text",
      period_start: "date",
      amount: "numeric",
      currency: "text",
    },
    rows,
    "ON CONFLICT DO NOTHING",
  )
}
