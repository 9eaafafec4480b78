import { createHash, randomUUID } from "node:crypto"
import type { DocumentStore } from "@fleetcore/platform"
import type pg from "pg"
import { bulkInsert } from "./bulkInsert.js"
import { INSURERS, LESSORS, PENALTY_REASONS } from "./demoCatalogue.js"
import type { PlannedExpense } from "./demoExpenses.js"
import { makeDemoImages, makeDemoPdf } from "./demoFiles.js"
import { DAYS, type DemoContext, dateOf, type PlannedVehicle, round2, timeOf } from "./demoPlan.js"

const yearAfter = (ctx: DemoContext, day: number) => dateOf(ctx, day + 364)

/**
 * Insurance (OSAGO for most, CASCO for many), leasing, rentals, service contracts; some expiring soon.
 * Each policy's premium is also its `insurance` expense on its first day (rent is a monthly `rental`
 * expense, `demoExpenses.ts`): the total cost counts these payments from the expenses only; leasing
 * and service payments have no expense and count from the contracts' terms (`PAID_AS_EXPENSES`).
 */
export const seedContracts = async (
  client: pg.ClientBase,
  ctx: DemoContext,
  vehicles: ReadonlyArray<PlannedVehicle>,
) => {
  const { orgId, random } = ctx
  const rows: Array<Record<string, unknown>> = []
  const expenses: PlannedExpense[] = []
  const insurance: Array<{ id: string; vehicle: PlannedVehicle; endsOn: string; number: string }> = []
  for (const v of vehicles) {
    if (v.status === "decommissioned") continue
    const base = {
      org_id: orgId,
      vehicle_id: v.id,
      auto_renew: false,
      sum_insured: null,
      deductible: null,
      covered_risks: "{}",
    }
    if (random.chance(0.95)) {
      const day = random.int(DAYS)
      const amount = 9_000 + 500 * random.int(60)
      const id = randomUUID()
      const number = `OS-${dateOf(ctx, day).slice(0, 4)}-${String(100_000 + random.int(900_000))}`
      rows.push({
        ...base,
        id,
        type: "insurance_osago",
        contractor: random.pick(INSURERS),
        number,
        starts_on: dateOf(ctx, day),
        ends_on: yearAfter(ctx, day),
        amount,
        currency: "KZT",
        payment_frequency: "annual",
        auto_renew: random.chance(0.3),
      })
      insurance.push({ id, vehicle: v, endsOn: yearAfter(ctx, day), number })
      expenses.push({
        vehicle: v,
        day,
        category: "insurance",
        amount,
        currency: "KZT",
        description: `OSAGO ${number}`,
        vendor: null,
      })
    }
    if (v.purchasePrice !== null && random.chance(0.45)) {
      const day = random.int(DAYS)
      const sum = Math.round(v.purchasePrice * 0.8)
      const amount = Math.round(sum * random.between(0.025, 0.045))
      const number = `CA-${String(10_000 + random.int(90_000))}`
      rows.push({
        ...base,
        id: randomUUID(),
        type: "insurance_casco",
        contractor: random.pick(INSURERS),
        number,
        starts_on: dateOf(ctx, day),
        ends_on: yearAfter(ctx, day),
        amount,
        currency: "KZT",
        payment_frequency: "annual",
        sum_insured: sum,
        deductible: 50_000 * (1 + random.int(4)),
        covered_risks: "{collision,theft,fire,natural_disaster}",
      })
      expenses.push({
        vehicle: v,
        day,
        category: "insurance",
        amount,
        currency: "KZT",
        description: `CASCO ${number}`,
        vendor: null,
      })
    }
    if (v.index % 13 === 3 && v.purchasePrice !== null) {
      const day = random.int(200)
      rows.push({
        ...base,
        id: randomUUID(),
        type: "leasing",
        contractor: random.pick(LESSORS),
        number: `L-${1000 + v.index}`,
        starts_on: dateOf(ctx, day - 400),
        ends_on: dateOf(ctx, day + 700),
        amount: round2((v.purchasePrice * 1.2) / 36),
        currency: "KZT",
        payment_frequency: "monthly",
      })
    }
    if (v.rental !== null) {
      const startDay = Math.floor((Date.parse(v.rental.startsOn) - ctx.today.getTime()) / 86_400_000) + DAYS
      rows.push({
        ...base,
        id: randomUUID(),
        type: "rental",
        contractor: v.rental.lessor,
        number: `R-${2000 + v.index}`,
        starts_on: v.rental.startsOn,
        ends_on: dateOf(ctx, Math.max(startDay + 180, DAYS + 10 + random.int(200))),
        amount: v.rental.monthly,
        currency: v.rental.currency,
        payment_frequency: "monthly",
      })
    }
    if (v.model.body === "truck" && random.chance(0.6)) {
      const day = random.int(DAYS)
      rows.push({
        ...base,
        id: randomUUID(),
        type: "service_contract",
        contractor: "Kamaz Service Karaganda",
        number: `S-${3000 + v.index}`,
        starts_on: dateOf(ctx, day),
        ends_on: yearAfter(ctx, day),
        amount: 480_000,
        currency: "KZT",
        payment_frequency: "quarterly",
      })
    }
  }
  await bulkInsert(
    client,
    "contracts",
    {
      id: "uuid",
      org_id: "uuid",
      vehicle_id: "uuid",
      type: "text",
      contractor: "text",
      number: "text",
      starts_on: "date",
      ends_on: "date",
      amount: "numeric",
      currency: "text",
      payment_frequency: "text",
      auto_renew: "boolean",
      sum_insured: "numeric",
      deductible: "numeric",
      covered_risks: "text[]",
    },
    rows,
  )
  return { expenses, insurance }
}

const PENALTY_STATUSES = [
  "open",
  "open",
  "open",
  "paid",
  "paid",
  "paid",
  "paid_by_driver",
  "paid_by_driver",
  "disputed",
  "cancelled",
] as const

/** Fines in every status; those the company paid are also `fine` expenses. */
export const seedPenalties = async (
  client: pg.ClientBase,
  ctx: DemoContext,
  vehicles: ReadonlyArray<PlannedVehicle>,
  driverAt: (vehicleId: string, day: number) => string | null,
): Promise<PlannedExpense[]> => {
  const { orgId, random } = ctx
  const rows: Array<Record<string, unknown>> = []
  const expenses: PlannedExpense[] = []
  for (let i = 0; i < Math.round(vehicles.length * 0.85); i++) {
    const v = random.pick(vehicles)
    const day = random.int(v.lastDay)
    const offence = random.pick(PENALTY_REASONS)
    const status = day > DAYS - 25 ? "open" : random.pick(PENALTY_STATUSES)
    const paidDay = Math.min(DAYS, day + 3 + random.int(20))
    rows.push({
      org_id: orgId,
      vehicle_id: v.id,
      driver_id: driverAt(v.id, day),
      amount: offence.kzt,
      currency: "KZT",
      offence_at: timeOf(ctx, day, 8 + random.int(12), random.int(60)),
      reason: offence.reason,
      article: offence.article,
      resolution_number: `${String(10_000_000 + random.int(89_999_999))}`,
      due_on: dateOf(ctx, day + 30),
      status,
      paid_on: status === "paid" || status === "paid_by_driver" ? dateOf(ctx, paidDay) : null,
      reported_at: status === "paid_by_driver" ? timeOf(ctx, paidDay, 12, 0) : null,
      status_note:
        status === "disputed"
          ? "The driver says the vehicle was parked legally"
          : status === "cancelled"
            ? "Cancelled by the police on appeal"
            : null,
    })
    if (status === "paid")
      expenses.push({
        vehicle: v,
        day: paidDay,
        category: "fine",
        amount: offence.kzt,
        currency: "KZT",
        description: offence.reason,
        vendor: null,
      })
  }
  await bulkInsert(
    client,
    "penalties",
    {
      org_id: "uuid",
      vehicle_id: "uuid",
      driver_id: "uuid",
      amount: "numeric",
      currency: "text",
      offence_at: "timestamptz",
      reason: "text",
      article: "text",
      resolution_number: "text",
      due_on: "date",
      status: "text",
      paid_on: "date",
      reported_at: "timestamptz",
      status_note: "text",
    },
    rows,
  )
  return expenses
}

/**
 * Documents with real bytes in the store: cover photos of vehicles (JPEG + thumbnail), insurance
 * policies and registration certificates (PDF), some of them expiring soon.
 */
export const seedDocuments = async (
  client: pg.ClientBase,
  ctx: DemoContext,
  store: DocumentStore,
  vehicles: ReadonlyArray<PlannedVehicle>,
  insurance: ReadonlyArray<{ id: string; vehicle: PlannedVehicle; endsOn: string; number: string }>,
): Promise<number> => {
  const images = await makeDemoImages()
  const files: Array<{ key: string; bytes: Buffer; mime: string }> = []
  const rows: Array<Record<string, unknown>> = []
  const add = (
    entity: string,
    entityId: string,
    kind: string,
    filename: string,
    bytes: Buffer,
    mime: string,
    extra: { thumbnail?: Buffer; expiresOn?: string; cover?: boolean },
  ) => {
    const id = randomUUID()
    const key = `${ctx.orgId}/${id}`
    files.push({ key, bytes, mime })
    const thumbnailKey = extra.thumbnail === undefined ? null : `${key}.thumb.webp`
    if (extra.thumbnail !== undefined)
      files.push({ key: thumbnailKey as string, bytes: extra.thumbnail, mime: "image/webp" })
    rows.push({
      id,
      org_id: ctx.orgId,
      entity_type: entity,
      entity_id: entityId,
      kind,
      filename,
      mime_type: mime,
      size_bytes: bytes.length,
      sha256: `\\x${createHash("sha256").update(bytes).digest("hex")}`,
      storage_key: key,
      thumbnail_key: thumbnailKey,
      expires_on: extra.expiresOn ?? null,
      cover: extra.cover ?? false,
    })
  }
  for (const v of vehicles.slice(0, 120)) {
    const image = images[v.index % images.length] as (typeof images)[number]
    add("vehicle", v.id, "photo", `${v.plate.replace(/ /gu, "-")}.jpg`, image.jpeg, "image/jpeg", {
      thumbnail: image.thumbnail,
      cover: true,
    })
  }
  for (const v of vehicles.slice(0, 80))
    add(
      "vehicle",
      v.id,
      "registration",
      `registration-${v.plate.replace(/ /gu, "-")}.pdf`,
      makeDemoPdf([
        "Vehicle registration certificate",
        `${v.model.brand} ${v.model.model}`,
        `Plate ${v.plate}`,
      ]),
      "application/pdf",
      {},
    )
  for (const c of insurance.slice(0, 120))
    add(
      "contract",
      c.id,
      "insurance",
      `osago-${c.number}.pdf`,
      makeDemoPdf([
        "Compulsory motor insurance (OSAGO)",
        `Policy ${c.number}`,
        `Plate ${c.vehicle.plate}`,
        `Valid until ${c.endsOn}`,
      ]),
      "application/pdf",
      { expiresOn: c.endsOn },
    )
  for (let i = 0; i < files.length; i += 32)
    await Promise.all(files.slice(i, i + 32).map((f) => store.put(f.key, f.bytes, f.mime)))
  await bulkInsert(
    client,
    "documents",
    {
      id: "uuid",
      org_id: "uuid",
      entity_type: "text",
      entity_id: "uuid",
      kind: "text",
      filename: "text",
      mime_type: "text",
      size_bytes: "integer",
      sha256: "bytea",
      storage_key: "text",
      thumbnail_key: "text",
      expires_on: "date",
      cover: "boolean",
    },
    rows,
  )
  return rows.length
}
