import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  type Harness,
  login,
  startHarness,
} from "./harness.js"

/**
 * Contracts (CRUD, expiry computed in the organisation's time zone, renewal) and fines (the driver
 * assigned at the offence by default, the "driver pays, manager confirms" flow, a driver confined to
 * their own fines), through the HTTP API of a real FleetCore.
 */
const PASSWORD = "contracts-penalties-password"

interface ErrorBody {
  error: { code: string; field?: string }
}
interface Contract {
  id: string
  vehicleId: string
  type: string
  contractor: string
  number: string | null
  startDate: string
  endDate: string
  amount: string
  status: string
  daysToEnd: number
  autoRenew: boolean
  insurance: {
    sumInsured: string | null
    deductible: string | null
    coveredRisks: string[]
    policyHolder: string | null
  } | null
  previousContractId: string | null
  renewedById: string | null
}
interface Penalty {
  id: string
  driverId: string | null
  driverName: string | null
  status: string
  paidOn: string | null
  receiptDocumentId: string | null
  statusNote: string | null
  amount: string
}
interface Page<T> {
  items: T[]
  total: number
}

let h: Harness
let orgId = ""
let admin: ApiClient
let manager: ApiClient
let driverA: ApiClient
let driverB: ApiClient
let otherAdmin: ApiClient
let vehicleId = ""
let vehicle2Id = ""
let driverAId = ""
let managerUserId = ""
let driverBId = ""

/** A date `days` from today in `timeZone`, "YYYY-MM-DD". */
const dayIn = (timeZone: string, days = 0): string => {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date())
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
const almaty = (days = 0) => dayIn("Asia/Almaty", days)

const setTimeZone = (tz: string) =>
  h.fleet.db.system.query(
    "UPDATE organisations SET settings = settings || jsonb_build_object('timezone', $2::text) WHERE id = $1",
    [orgId, tz],
  )

const newContract = (body: Record<string, unknown>) =>
  manager.call<Contract & ErrorBody>("POST", "/api/v1/contracts", {
    vehicleId,
    type: "leasing",
    contractor: "Halyk Leasing",
    number: "L-2025-001",
    startDate: "2025-01-01",
    endDate: "2025-12-31",
    amount: "450.00",
    currency: "EUR",
    paymentFrequency: "monthly",
    ...body,
  })

const newPenalty = (body: Record<string, unknown>) =>
  manager.call<Penalty & ErrorBody>("POST", "/api/v1/penalties", {
    vehicleId,
    amount: "50.00",
    currency: "EUR",
    offenceAt: "2025-01-05T10:00:00Z",
    reason: "Speeding by 20 km/h",
    ...body,
  })

/** A driver with a login: the user and their driver record share the id (as migrated drivers do). */
const makeDriver = async (email: string, name: string): Promise<string> => {
  const userId = await createUser(h.fleet, orgId, "driver", email, PASSWORD)
  await h.fleet.db.system.query(
    "INSERT INTO drivers (id, org_id, user_id, full_name) VALUES ($1, $2, $1, $3)",
    [userId, orgId, name],
  )
  return userId
}

const attachReceipt = async (penaltyId: string): Promise<string> => {
  const found = await h.fleet.db.system.query<{ id: string }>(
    `INSERT INTO documents (org_id, entity_type, entity_id, kind, filename, mime_type, size_bytes, sha256, storage_key)
     VALUES ($1, 'penalty', $2, 'receipt', 'receipt.jpg', 'image/jpeg', 1024, '\\x00'::bytea, gen_random_uuid()::text)
     RETURNING id`,
    [orgId, penaltyId],
  )
  return found.rows[0]?.id as string
}

const auditActions = async (entityId: string): Promise<string[]> =>
  (
    await h.fleet.db.system.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq",
      [entityId],
    )
  ).rows.map((r) => r.action)

beforeAll(async () => {
  h = await startHarness()
  orgId = await demoOrgId(h.fleet)
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  managerUserId = await createUser(h.fleet, orgId, "manager", "manager@contracts.example", PASSWORD)
  manager = await login(h.fleet, "manager@contracts.example", PASSWORD)
  driverAId = await makeDriver("ivan@contracts.example", "Ivan Petrov")
  driverBId = await makeDriver("maria@contracts.example", "Maria Schmidt")
  driverA = await login(h.fleet, "ivan@contracts.example", PASSWORD)
  driverB = await login(h.fleet, "maria@contracts.example", PASSWORD)
  vehicleId = (
    await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
      name: "Civic Work Car 1",
      plate: "123 ABC 02",
    })
  ).body.id
  vehicle2Id = (
    await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
      name: "Sprinter Van 1",
      plate: "456 DEF 02",
    })
  ).body.id
  const other = await createOrg(h.fleet, "contracts-other", PASSWORD)
  otherAdmin = await login(h.fleet, other.email, PASSWORD)
})
afterAll(async () => {
  await h?.close()
})

describe("contracts", () => {
  it("creates, reads, lists, edits and deletes a contract, each change audited", async () => {
    const created = await newContract({
      type: "insurance_casco",
      contractor: "Nomad Insurance",
      number: "CASCO-77",
      amount: "1200.50",
      paymentFrequency: "annual",
      insurance: {
        sumInsured: "25000.00",
        deductible: "300.00",
        coveredRisks: ["theft", "collision"],
        policyHolder: "Alpha LLP",
      },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      vehicleId,
      type: "insurance_casco",
      amount: "1200.50",
      status: "expired",
      insurance: {
        sumInsured: "25000.00",
        deductible: "300.00",
        coveredRisks: ["theft", "collision"],
        policyHolder: "Alpha LLP",
      },
    })
    const id = created.body.id
    expect((await admin.call<Contract>("GET", `/api/v1/contracts/${id}`)).body.number).toBe("CASCO-77")

    const edited = await manager.call<Contract>("PATCH", `/api/v1/contracts/${id}`, {
      amount: "1300.00",
      insurance: { coveredRisks: ["theft"] },
    })
    expect(edited.status).toBe(200)
    expect(edited.body.amount).toBe("1300.00")
    expect(edited.body.insurance).toEqual({
      sumInsured: null,
      deductible: null,
      coveredRisks: ["theft"],
      policyHolder: null,
    })
    // A type that is not insurance drops the coverage.
    const leasing = await manager.call<Contract>("PATCH", `/api/v1/contracts/${id}`, { type: "leasing" })
    expect(leasing.body.insurance).toBeNull()

    const search = await admin.call<Page<Contract>>(
      "GET",
      `/api/v1/contracts?q=nomad&vehicleId=${vehicleId}&type=leasing`,
    )
    expect(search.body.items.map((c) => c.id)).toEqual([id])
    const otherType = await admin.call<Page<Contract>>("GET", `/api/v1/contracts?q=nomad&type=rental`)
    expect(otherType.body.total).toBe(0)

    expect((await manager.call("DELETE", `/api/v1/contracts/${id}`)).status).toBe(204)
    const gone = await admin.call<ErrorBody>("GET", `/api/v1/contracts/${id}`)
    expect([gone.status, gone.body.error.code]).toEqual([404, "FLEET_CONTRACT_NOT_FOUND"])
    expect(await auditActions(id)).toEqual([
      "contract.create",
      "contract.update",
      "contract.update",
      "contract.delete",
    ])
  })

  it("refuses an end before the start, coverage on a non-insurance type, a bad amount and a foreign vehicle", async () => {
    const backwards = await newContract({ startDate: "2025-06-01", endDate: "2025-05-31" })
    expect([backwards.status, backwards.body.error.code, backwards.body.error.field]).toEqual([
      400,
      "FLEET_CONTRACT_INVALID",
      "endDate",
    ])
    const coverage = await newContract({ type: "rental", insurance: { sumInsured: "1.00" } })
    expect([coverage.status, coverage.body.error.field]).toEqual([400, "insurance"])
    const float = await newContract({ amount: 450.5 })
    expect([float.status, float.body.error.code, float.body.error.field]).toEqual([
      400,
      "FLEET_CONTRACT_INVALID",
      "amount",
    ])
    const foreignVehicle = (
      await otherAdmin.call<{ id: string }>("POST", "/api/v1/vehicles", {
        name: "Theirs",
        plate: "999 ZZZ 01",
      })
    ).body.id
    const foreign = await newContract({ vehicleId: foreignVehicle })
    expect([foreign.status, foreign.body.error.code, foreign.body.error.field]).toEqual([
      422,
      "FLEET_REFERENCE_NOT_FOUND",
      "vehicleId",
    ])
    const driverTries = await driverA.call<ErrorBody>("GET", "/api/v1/contracts")
    expect([driverTries.status, driverTries.body.error.code]).toEqual([403, "FLEET_FORBIDDEN"])
  })

  it("computes expired, pending_renewal and active from the dates at every read, and counts the expiring ones", async () => {
    const expired = await newContract({
      vehicleId: vehicle2Id,
      startDate: "2024-01-01",
      endDate: almaty(-1),
      contractor: "Past Co",
    })
    const lastDay = await newContract({
      vehicleId: vehicle2Id,
      startDate: "2024-01-01",
      endDate: almaty(0),
      contractor: "Today Co",
    })
    const renewing = await newContract({
      vehicleId: vehicle2Id,
      startDate: "2024-01-01",
      endDate: almaty(10),
      autoRenew: true,
      contractor: "Auto Co",
    })
    const plain = await newContract({
      vehicleId: vehicle2Id,
      startDate: "2024-01-01",
      endDate: almaty(10),
      contractor: "Plain Co",
    })
    const far = await newContract({
      vehicleId: vehicle2Id,
      startDate: "2024-01-01",
      endDate: almaty(31),
      autoRenew: true,
      contractor: "Far Co",
    })
    expect(expired.body).toMatchObject({ status: "expired", daysToEnd: -1 })
    expect(lastDay.body).toMatchObject({ status: "active", daysToEnd: 0 })
    expect(renewing.body).toMatchObject({ status: "pending_renewal", daysToEnd: 10 })
    expect(plain.body.status).toBe("active")
    expect(far.body.status).toBe("active")

    // A contract that was active when written is expired when read after its end date: nothing
    // but the clock (here: its dates) changed.
    await h.fleet.db.system.query("UPDATE contracts SET ends_on = $2 WHERE id = $1", [
      plain.body.id,
      almaty(-3),
    ])
    expect((await admin.call<Contract>("GET", `/api/v1/contracts/${plain.body.id}`)).body.status).toBe(
      "expired",
    )

    const expiring = await admin.call<Page<Contract>>(
      "GET",
      `/api/v1/contracts?vehicleId=${vehicle2Id}&expiringWithinDays=30`,
    )
    expect(expiring.body.items.map((c) => c.contractor)).toEqual(["Today Co", "Auto Co"])
    const byStatus = await admin.call<Page<Contract>>(
      "GET",
      `/api/v1/contracts?vehicleId=${vehicle2Id}&status=expired&sort=contractor`,
    )
    expect(byStatus.body.items.map((c) => c.contractor)).toEqual(["Past Co", "Plain Co"])

    const summary = await admin.call<{ expiring: number; pendingRenewal: number; withinDays: number }>(
      "GET",
      "/api/v1/contracts/summary?withinDays=30",
    )
    expect(summary.status).toBe(200)
    expect(summary.body).toMatchObject({ withinDays: 30, expiring: 2, pendingRenewal: 1 })
  })

  it("lets the end date pass at the organisation's midnight, not the server's", async () => {
    // Kiritimati (UTC+14) is always a day or two ahead of Pago Pago (UTC-11).
    const endDate = dayIn("Pacific/Pago_Pago")
    const c = await newContract({ startDate: "2024-01-01", endDate, contractor: "Zone Co" })
    try {
      await setTimeZone("Pacific/Kiritimati")
      expect((await admin.call<Contract>("GET", `/api/v1/contracts/${c.body.id}`)).body.status).toBe(
        "expired",
      )
      await setTimeZone("Pacific/Pago_Pago")
      expect((await admin.call<Contract>("GET", `/api/v1/contracts/${c.body.id}`)).body.status).toBe("active")
    } finally {
      await setTimeZone("Asia/Almaty")
      await manager.call("DELETE", `/api/v1/contracts/${c.body.id}`)
    }
  })

  it("renews a contract into a linked copy with the next term, once; a cancelled one cannot change", async () => {
    const old = await newContract({
      contractor: "Rent KZ",
      type: "rental",
      startDate: "2027-01-01",
      endDate: "2027-12-31",
      autoRenew: true,
    })
    const renewed = await manager.call<Contract & ErrorBody>("POST", `/api/v1/contracts/${old.body.id}/renew`)
    expect(renewed.status).toBe(201)
    // A year stays a year across 2028's leap day.
    expect(renewed.body).toMatchObject({
      contractor: "Rent KZ",
      type: "rental",
      startDate: "2028-01-01",
      endDate: "2028-12-31",
      amount: "450.00",
      autoRenew: true,
      previousContractId: old.body.id,
    })
    expect((await admin.call<Contract>("GET", `/api/v1/contracts/${old.body.id}`)).body.renewedById).toBe(
      renewed.body.id,
    )
    const twice = await manager.call<ErrorBody>("POST", `/api/v1/contracts/${old.body.id}/renew`)
    expect([twice.status, twice.body.error.code]).toEqual([409, "FLEET_CONTRACT_ALREADY_RENEWED"])

    const custom = await manager.call<Contract>("POST", `/api/v1/contracts/${renewed.body.id}/renew`, {
      startDate: "2029-02-01",
      endDate: "2029-07-31",
      amount: "500.00",
    })
    expect(custom.body).toMatchObject({ startDate: "2029-02-01", endDate: "2029-07-31", amount: "500.00" })
    const backwards = await manager.call<ErrorBody>("POST", `/api/v1/contracts/${custom.body.id}/renew`, {
      startDate: "2030-02-01",
      endDate: "2030-01-01",
    })
    expect([backwards.status, backwards.body.error.field]).toEqual([400, "endDate"])

    const cancelled = await manager.call<Contract & { cancelReason: string }>(
      "POST",
      `/api/v1/contracts/${custom.body.id}/cancel`,
      {
        reason: "vehicle returned early",
      },
    )
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelReason: "vehicle returned early" })
    for (const [method, path, body] of [
      ["POST", `/api/v1/contracts/${custom.body.id}/cancel`, undefined],
      ["POST", `/api/v1/contracts/${custom.body.id}/renew`, undefined],
      ["PATCH", `/api/v1/contracts/${custom.body.id}`, { amount: "1.00" }],
    ] as const) {
      const refused = await manager.call<ErrorBody>(method, path, body)
      expect([refused.status, refused.body.error.code], path).toEqual([409, "FLEET_CONTRACT_CANCELLED"])
    }
    expect(await auditActions(custom.body.id)).toEqual(["contract.renew", "contract.cancel"])
  })
})

describe("penalties", () => {
  it("goes to the driver assigned at the offence unless one is named", async () => {
    await h.fleet.db.system.query(
      `INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at, ends_at) VALUES
         ($1, $2, $3, '2025-01-01T00:00:00Z', '2025-01-10T00:00:00Z'),
         ($1, $2, $4, '2025-01-10T00:00:00Z', NULL)`,
      [orgId, vehicleId, driverAId, driverBId],
    )
    const first = await newPenalty({ offenceAt: "2025-01-05T10:00:00Z" })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ driverId: driverAId, driverName: "Ivan Petrov", status: "open" })
    expect((await newPenalty({ offenceAt: "2025-01-10T00:00:00Z" })).body.driverId).toBe(driverBId)
    expect((await newPenalty({ offenceAt: "2024-12-31T23:59:59Z" })).body.driverId).toBeNull()
    expect((await newPenalty({ offenceAt: "2025-01-05T10:00:00Z", driverId: null })).body.driverId).toBeNull()
    expect((await newPenalty({ offenceAt: "2025-01-05T10:00:00Z", driverId: driverBId })).body.driverId).toBe(
      driverBId,
    )

    const paid = await newPenalty({
      status: "paid",
      paidOn: "2024-12-28",
      amount: "25.00",
      reason: "Red light",
    })
    expect(paid.body).toMatchObject({ status: "paid", paidOn: "2024-12-28" })
    const paidOnOpen = await newPenalty({ paidOn: "2024-12-28" })
    expect([paidOnOpen.status, paidOnOpen.body.error.code, paidOnOpen.body.error.field]).toEqual([
      400,
      "FLEET_PENALTY_INVALID",
      "paidOn",
    ])
    const zero = await newPenalty({ amount: "0.00" })
    expect([zero.status, zero.body.error.field]).toEqual([400, "amount"])
    const userNotDriver = await newPenalty({ driverId: managerUserId })
    expect([userNotDriver.status, userNotDriver.body.error.code]).toEqual([422, "FLEET_REFERENCE_NOT_FOUND"])
  })

  it("walks the driver-pays flow: report with a receipt, reject, report again, confirm; every other step refused", async () => {
    const mine = await newPenalty({ vehicleId: vehicle2Id, driverId: driverAId, reason: "Flow: speeding" })
    const hers = await newPenalty({ vehicleId: vehicle2Id, driverId: driverBId, reason: "Flow: parking" })
    const id = mine.body.id

    // A driver sees their own fines only; another driver's is a 404 like an unknown one.
    const listed = await driverA.call<Page<Penalty>>("GET", "/api/v1/penalties?pageSize=200")
    expect(listed.body.items.length).toBeGreaterThan(0)
    expect(listed.body.items.every((p) => p.driverId === driverAId)).toBe(true)
    const receiptOfHers = await attachReceipt(hers.body.id)
    for (const [method, path, body] of [
      ["GET", `/api/v1/penalties/${hers.body.id}`, undefined],
      [
        "POST",
        `/api/v1/penalties/${hers.body.id}/pay`,
        { receiptDocumentId: receiptOfHers, paidOn: "2025-01-07" },
      ],
      ["POST", `/api/v1/penalties/${hers.body.id}/dispute`, { note: "not me" }],
    ] as const) {
      const refused = await driverA.call<ErrorBody>(method, path, body)
      expect([refused.status, refused.body.error.code], path).toEqual([404, "FLEET_PENALTY_NOT_FOUND"])
    }

    // The receipt must be a document attached to this fine.
    const wrongReceipt = await driverA.call<ErrorBody>("POST", `/api/v1/penalties/${id}/pay`, {
      receiptDocumentId: receiptOfHers,
      paidOn: "2025-01-07",
    })
    expect([wrongReceipt.status, wrongReceipt.body.error.field]).toEqual([422, "receiptDocumentId"])
    const receipt = await attachReceipt(id)
    const reported = await driverA.call<Penalty>("POST", `/api/v1/penalties/${id}/pay`, {
      receiptDocumentId: receipt,
      paidOn: "2025-01-07",
    })
    expect(reported.status).toBe(200)
    expect(reported.body).toMatchObject({
      status: "paid_by_driver",
      paidOn: "2025-01-07",
      receiptDocumentId: receipt,
    })

    const again = await driverA.call<ErrorBody>("POST", `/api/v1/penalties/${id}/pay`, {
      receiptDocumentId: receipt,
      paidOn: "2025-01-07",
    })
    expect([again.status, again.body.error.code]).toEqual([409, "FLEET_PENALTY_TRANSITION"])
    const selfConfirm = await driverA.call<ErrorBody>("POST", `/api/v1/penalties/${id}/confirm`)
    expect([selfConfirm.status, selfConfirm.body.error.code]).toEqual([403, "FLEET_FORBIDDEN"])
    const disputeReported = await driverA.call<ErrorBody>("POST", `/api/v1/penalties/${id}/dispute`, {
      note: "x",
    })
    expect(disputeReported.status).toBe(409)

    const rejected = await manager.call<Penalty>("POST", `/api/v1/penalties/${id}/reject`, {
      reason: "the receipt is unreadable",
    })
    expect(rejected.body).toMatchObject({
      status: "open",
      paidOn: null,
      receiptDocumentId: null,
      statusNote: "the receipt is unreadable",
    })
    const rejectOpen = await manager.call<ErrorBody>("POST", `/api/v1/penalties/${id}/reject`, {
      reason: "again",
    })
    expect(rejectOpen.status).toBe(409)

    await driverA.call("POST", `/api/v1/penalties/${id}/pay`, {
      receiptDocumentId: receipt,
      paidOn: "2025-01-08",
    })
    const confirmed = await manager.call<Penalty & { confirmedBy: string }>(
      "POST",
      `/api/v1/penalties/${id}/confirm`,
    )
    expect(confirmed.body).toMatchObject({ status: "paid", paidOn: "2025-01-08", receiptDocumentId: receipt })
    const bodies: Record<string, object | undefined> = {
      pay: { receiptDocumentId: receipt, paidOn: "2025-01-08" },
      reject: { reason: "late" },
      dispute: { note: "too late" },
    }
    for (const step of ["pay", "confirm", "reject", "dispute", "cancel", "reopen"]) {
      const refused = await manager.call<ErrorBody>("POST", `/api/v1/penalties/${id}/${step}`, bodies[step])
      expect([refused.status, refused.body.error.code], step).toEqual([409, "FLEET_PENALTY_TRANSITION"])
    }
    expect(await auditActions(id)).toEqual([
      "penalty.create",
      "penalty.pay",
      "penalty.reject",
      "penalty.pay",
      "penalty.confirm",
    ])
  })

  it("disputes, cancels and reopens a fine; the driver's dispute is their own only", async () => {
    const fine = await newPenalty({
      vehicleId: vehicle2Id,
      driverId: driverBId,
      reason: "Dispute: camera error",
    })
    const disputed = await driverB.call<Penalty>("POST", `/api/v1/penalties/${fine.body.id}/dispute`, {
      note: "I was not driving",
    })
    expect(disputed.body).toMatchObject({ status: "disputed", statusNote: "I was not driving" })
    const payDisputed = await driverB.call<ErrorBody>("POST", `/api/v1/penalties/${fine.body.id}/pay`, {
      receiptDocumentId: await attachReceipt(fine.body.id),
      paidOn: "2025-01-09",
    })
    expect(payDisputed.status).toBe(409)
    expect(
      (await manager.call<Penalty>("POST", `/api/v1/penalties/${fine.body.id}/cancel`, { note: "won" })).body
        .status,
    ).toBe("cancelled")
    expect(
      (await manager.call<Penalty>("POST", `/api/v1/penalties/${fine.body.id}/reopen`)).body.status,
    ).toBe("open")
    // An open fine the company paid is recorded paid today, in the organisation's time zone.
    const companyPaid = await manager.call<Penalty>("POST", `/api/v1/penalties/${fine.body.id}/confirm`)
    expect(companyPaid.body).toMatchObject({ status: "paid", paidOn: almaty(0) })
  })

  it("edits and deletes a fine; filters by status and driver", async () => {
    const fine = await newPenalty({ vehicleId: vehicle2Id, driverId: null, reason: "Edit me" })
    const edited = await manager.call<Penalty>("PATCH", `/api/v1/penalties/${fine.body.id}`, {
      driverId: driverAId,
      amount: "75.00",
    })
    expect(edited.body).toMatchObject({ driverId: driverAId, amount: "75.00", status: "open" })
    const byDriver = await admin.call<Page<Penalty>>(
      "GET",
      `/api/v1/penalties?driverId=${driverAId}&status=open&q=edit`,
    )
    expect(byDriver.body.items.map((p) => p.id)).toEqual([fine.body.id])
    expect((await manager.call("DELETE", `/api/v1/penalties/${fine.body.id}`)).status).toBe(204)
    expect((await admin.call("GET", `/api/v1/penalties/${fine.body.id}`)).status).toBe(404)
    expect(await auditActions(fine.body.id)).toEqual(["penalty.create", "penalty.update", "penalty.delete"])
  })
})

describe("isolation", () => {
  it("another organisation sees none of the contracts and fines, and their ids answer 404", async () => {
    const contract = await newContract({ contractor: "Isolated Co" })
    const fine = await newPenalty({ reason: "Isolated fine" })
    expect((await otherAdmin.call<Page<Contract>>("GET", "/api/v1/contracts")).body.total).toBe(0)
    expect((await otherAdmin.call<Page<Penalty>>("GET", "/api/v1/penalties")).body.total).toBe(0)
    const contractAnswer = await otherAdmin.call<ErrorBody>("GET", `/api/v1/contracts/${contract.body.id}`)
    expect([contractAnswer.status, contractAnswer.body.error.code]).toEqual([404, "FLEET_CONTRACT_NOT_FOUND"])
    const renew = await otherAdmin.call<ErrorBody>("POST", `/api/v1/contracts/${contract.body.id}/renew`)
    expect(renew.status).toBe(404)
    const penaltyAnswer = await otherAdmin.call<ErrorBody>(
      "POST",
      `/api/v1/penalties/${fine.body.id}/confirm`,
    )
    expect([penaltyAnswer.status, penaltyAnswer.body.error.code]).toEqual([404, "FLEET_PENALTY_NOT_FOUND"])
    expect(
      (await otherAdmin.call<{ expiring: number }>("GET", "/api/v1/contracts/summary")).body.expiring,
    ).toBe(0)
  })
})
