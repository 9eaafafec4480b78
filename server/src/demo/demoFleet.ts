import { randomUUID } from "node:crypto"
import type pg from "pg"
import { bulkInsert } from "./bulkInsert.js"
import { COLOURS, DEPARTMENTS, LESSORS, TEAMS } from "./demoCatalogue.js"
import { kazakhPlate, vinFor } from "./demoIdentifiers.js"
import { DEMO_MODELS } from "./demoModels.js"
import { personName } from "./demoPeople.js"
import {
  DAYS,
  type DemoContext,
  type DemoScale,
  type DrivingSpell,
  dateOf,
  type PlannedDriver,
  type PlannedVehicle,
  timeOf,
} from "./demoPlan.js"

const DAILY_KM: Readonly<Record<string, number>> = {
  sedan: 55,
  suv: 50,
  pickup: 70,
  minivan: 80,
  van: 100,
  bus: 140,
  truck: 200,
}

const idsByName = async (client: pg.ClientBase, table: string, orgId: string): Promise<Map<string, string>> =>
  new Map(
    (
      await client.query<{ id: string; name: string }>(`SELECT id, name FROM ${table} WHERE org_id = $1`, [
        orgId,
      ])
    ).rows.map((r) => [r.name, r.id]),
  )

/** Vehicle types (one per model, rated), teams, the vehicles with their ownership, and their owners' records. */
export const seedFleet = async (
  client: pg.ClientBase,
  ctx: DemoContext,
  scale: DemoScale,
): Promise<{ vehicles: PlannedVehicle[]; teamIds: string[] }> => {
  const { orgId, random } = ctx
  await bulkInsert(
    client,
    "vehicle_types",
    {
      org_id: "uuid",
      name: "text",
      brand: "text",
      model: "text",
      fuel_type: "text",
      rated_consumption_l_100km: "numeric",
      speed_limit_kmh: "numeric",
      tank_capacity_l: "numeric",
    },
    DEMO_MODELS.map((m) => ({
      org_id: orgId,
      name: `${m.brand} ${m.model}`,
      brand: m.brand,
      model: m.model,
      fuel_type: m.fuel,
      rated_consumption_l_100km: m.rated,
      speed_limit_kmh: m.speedLimit,
      tank_capacity_l: m.tank,
    })),
    "ON CONFLICT (org_id, name) DO NOTHING",
  )
  await bulkInsert(
    client,
    "teams",
    { org_id: "uuid", name: "text" },
    TEAMS.map((name) => ({ org_id: orgId, name })),
    "ON CONFLICT (org_id, name) DO NOTHING",
  )
  const types = await idsByName(client, "vehicle_types", orgId)
  const teams = await idsByName(client, "teams", orgId)
  const teamIds = TEAMS.map((t) => teams.get(t) as string)

  const taken = new Set(
    (
      await client.query<{ plate: string }>(
        "SELECT plate FROM vehicles WHERE org_id = $1 AND plate IS NOT NULL",
        [orgId],
      )
    ).rows.map((r) => r.plate),
  )
  const weighted = DEMO_MODELS.flatMap((m) => Array.from({ length: m.share }, () => m))
  const vehicles: PlannedVehicle[] = []
  const rows: Array<Record<string, unknown>> = []
  const ownerships: Array<Record<string, unknown>> = []
  for (let index = 0; index < scale.vehicles; index++) {
    let plate = kazakhPlate(random)
    while (taken.has(plate)) plate = kazakhPlate(random)
    taken.add(plate)
    const model = random.pick(weighted)
    const year = 2014 + random.int(12)
    const isRental = index % 25 === 7
    const roll = random.next()
    const status = isRental
      ? "active"
      : roll < 0.86
        ? "active"
        : roll < 0.92
          ? "in_maintenance"
          : roll < 0.95
            ? "reserved"
            : roll < 0.97
              ? "rented"
              : "decommissioned"
    const lastDay = status === "decommissioned" ? DAYS - 40 - random.int(200) : DAYS
    const purchasedOn = `${year}-${String(1 + random.int(12)).padStart(2, "0")}-${String(1 + random.int(28)).padStart(2, "0")}`
    const purchasedDay = Math.min(
      DAYS - 30,
      Math.floor((Date.parse(purchasedOn) - ctx.today.getTime()) / 86_400_000) + DAYS,
    )
    const dailyKm = Math.round((DAILY_KM[model.body] ?? 80) * random.between(0.7, 1.3))
    const startOdometerKm = Math.max(0, Math.round(-purchasedDay * dailyKm * random.between(0.8, 1.1)))
    const rental = isRental
      ? {
          monthly: random.chance(0.5) ? 450 + 50 * random.int(8) : 180_000 + 10_000 * random.int(20),
          currency: "",
          lessor: random.pick(LESSORS),
          startsOn: dateOf(ctx, random.int(120)),
        }
      : null
    const rentalCurrency = rental === null ? null : rental.monthly < 10_000 ? "EUR" : "KZT"
    const planned: PlannedVehicle = {
      id: randomUUID(),
      index,
      plate,
      model,
      typeId: types.get(`${model.brand} ${model.model}`) as string,
      purchasePrice: isRental
        ? null
        : Math.round(model.priceKzt * random.between(0.85, 1.05) * (1 - (2026 - year) * 0.03)),
      rental: rental === null ? null : { ...rental, currency: rentalCurrency as string },
      status,
      lastDay,
      dailyKm,
      startOdometerKm: isRental ? random.int(20_000) : startOdometerKm,
    }
    vehicles.push(planned)
    const department = random.pick(DEPARTMENTS)
    rows.push({
      id: planned.id,
      org_id: orgId,
      name: `${model.brand} ${model.model} ${plate.slice(0, 3)}`,
      plate,
      vin: vinFor(random, model.wmi, year, 100_000 + index * 7),
      vehicle_type_id: planned.typeId,
      brand: model.brand,
      model: model.model,
      year,
      colour: random.pick(COLOURS),
      body_type: model.body,
      fuel_type: model.fuel,
      engine_volume_l: model.engineL,
      transmission: model.transmission,
      seats: model.seats,
      purchased_on: isRental ? null : purchasedOn,
      purchase_price: planned.purchasePrice,
      purchase_currency: isRental ? null : "KZT",
      status,
      status_changed_on:
        status === "active"
          ? null
          : dateOf(ctx, status === "decommissioned" ? lastDay : DAYS - random.int(30)),
      department,
      notes: status === "decommissioned" ? "Written off after an accident" : null,
      rental: isRental,
      rental_starts_on: rental?.startsOn ?? null,
      rental_ends_on: rental === null ? null : dateOf(ctx, DAYS + 20 + random.int(400)),
      rental_monthly_cost: rental?.monthly ?? null,
      rental_currency: rentalCurrency,
      lessor: rental?.lessor ?? null,
      team_id: random.pick(teamIds),
      commissioned_on: isRental ? rental?.startsOn : purchasedOn,
      commissioned_odometer_km: 0,
    })
    if (!isRental) {
      const leased = index % 13 === 3
      ownerships.push({
        org_id: orgId,
        vehicle_id: planned.id,
        owner_type: leased ? "leasing" : "company",
        owner_name: leased ? random.pick(LESSORS) : "Demo Fleet LLP",
        starts_on: purchasedOn,
        purchase_price: planned.purchasePrice,
        currency: "KZT",
      })
    }
  }
  await bulkInsert(
    client,
    "vehicles",
    {
      id: "uuid",
      org_id: "uuid",
      name: "text",
      plate: "text",
      vin: "text",
      vehicle_type_id: "uuid",
      brand: "text",
      model: "text",
      year: "smallint",
      colour: "text",
      body_type: "text",
      fuel_type: "text",
      engine_volume_l: "numeric",
      transmission: "text",
      seats: "smallint",
      purchased_on: "date",
      purchase_price: "numeric",
      purchase_currency: "text",
      status: "text",
      status_changed_on: "date",
      department: "text",
      notes: "text",
      rental: "boolean",
      rental_starts_on: "date",
      rental_ends_on: "date",
      rental_monthly_cost: "numeric",
      rental_currency: "text",
      lessor: "text",
      team_id: "uuid",
      commissioned_on: "date",
      commissioned_odometer_km: "numeric",
    },
    rows,
  )
  await bulkInsert(
    client,
    "vehicle_ownerships",
    {
      org_id: "uuid",
      vehicle_id: "uuid",
      owner_type: "text",
      owner_name: "text",
      starts_on: "date",
      purchase_price: "numeric",
      currency: "text",
    },
    ownerships,
  )
  return { vehicles, teamIds }
}

const phone = (ctx: DemoContext): string =>
  `+7 7${ctx.random.pick(["01", "02", "05", "07", "47", "77"])} ${String(100 + ctx.random.int(900))} ${String(1000 + ctx.random.int(9000))}`

/** The drivers (a few with a licence or medical expiring soon) and who drives what, now and before. */
export const seedDrivers = async (
  client: pg.ClientBase,
  ctx: DemoContext,
  scale: DemoScale,
  vehicles: ReadonlyArray<PlannedVehicle>,
  teamIds: ReadonlyArray<string>,
): Promise<DrivingSpell[]> => {
  const { orgId, random } = ctx
  const drivers: PlannedDriver[] = []
  const rows: Array<Record<string, unknown>> = []
  for (let i = 0; i < scale.drivers; i++) {
    const categories = ["B"]
    if (random.chance(0.4)) categories.push("C")
    if (categories.includes("C") && random.chance(0.5)) categories.push("CE")
    if (random.chance(0.08)) categories.push("D")
    const statusRoll = random.next()
    const status = statusRoll < 0.88 ? "active" : statusRoll < 0.94 ? "on_leave" : "terminated"
    const soon = random.chance(0.07)
    const licenceExpiresOn = dateOf(
      ctx,
      DAYS + (soon ? 3 + random.int(27) : random.chance(0.02) ? -random.int(40) : 60 + random.int(3000)),
    )
    const driver: PlannedDriver = { id: randomUUID(), categories, status, licenceExpiresOn }
    drivers.push(driver)
    const name = personName(random.pick, random.chance)
    rows.push({
      id: driver.id,
      org_id: orgId,
      full_name: name,
      employee_id: `KZ-${1001 + i}`,
      phone: phone(ctx),
      email: random.chance(0.4)
        ? `${name.toLowerCase().replace(/[^a-z]+/gu, ".")}.${1001 + i}@demo-fleet.kz`
        : null,
      licence_number: `${random.pick(["AA", "AB", "AC", "BA", "KZ"])} ${String(100_000 + random.int(900_000))}`,
      licence_categories: `{${categories.join(",")}}`,
      licence_expires_on: licenceExpiresOn,
      medical_expires_on: dateOf(
        ctx,
        DAYS + (random.chance(0.06) ? 2 + random.int(28) : 40 + random.int(700)),
      ),
      hired_on: dateOf(ctx, -random.int(3000)),
      department: random.pick(DEPARTMENTS),
      status,
      team_id: random.pick(teamIds),
      notes: status === "on_leave" ? "Annual leave" : null,
    })
  }
  await bulkInsert(
    client,
    "drivers",
    {
      id: "uuid",
      org_id: "uuid",
      full_name: "text",
      employee_id: "text",
      phone: "text",
      email: "text",
      licence_number: "text",
      licence_categories: "text[]",
      licence_expires_on: "date",
      medical_expires_on: "date",
      hired_on: "date",
      department: "text",
      status: "text",
      team_id: "uuid",
      notes: "text",
    },
    rows,
  )

  // Current assignments: each working vehicle gets the next active driver whose licence fits it.
  const spells: DrivingSpell[] = []
  const free = drivers.filter((d) => d.status === "active")
  const former = drivers.filter((d) => d.status !== "active")
  const needs = (v: PlannedVehicle) => (v.model.licence === "D" ? "D" : v.model.licence === "C" ? "C" : "B")
  let formerSlot = 0
  for (const v of vehicles) {
    if (v.status === "decommissioned" || v.status === "reserved") continue
    const at = free.findIndex((d) => d.categories.includes(needs(v)))
    if (at < 0) continue
    const [driver] = free.splice(at, 1)
    let fromDay = 20 + random.int(300)
    // An earlier driver, one of those now on leave or gone, for part of the vehicles.
    if (former.length > 0 && v.index % 3 === 0) {
      const previous = former[formerSlot % former.length] as PlannedDriver
      const round = Math.floor(formerSlot / former.length)
      const start = round * 70
      const end = start + 60
      if (end < DAYS - 30) {
        spells.push({ vehicleId: v.id, driverId: previous.id, fromDay: start, toDay: end })
        fromDay = Math.max(fromDay, end + 1)
        formerSlot++
      }
    }
    spells.push({ vehicleId: v.id, driverId: (driver as PlannedDriver).id, fromDay, toDay: null })
  }
  await bulkInsert(
    client,
    "driver_assignments",
    {
      org_id: "uuid",
      vehicle_id: "uuid",
      driver_id: "uuid",
      starts_at: "timestamptz",
      ends_at: "timestamptz",
    },
    spells.map((s) => ({
      org_id: orgId,
      vehicle_id: s.vehicleId,
      driver_id: s.driverId,
      starts_at: timeOf(ctx, s.fromDay, 8, 0),
      ends_at: s.toDay === null ? null : timeOf(ctx, s.toDay, 18, 0),
    })),
  )
  return spells
}
