import { activeGrant } from "@fleetcore/api"
import sharp from "sharp"
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
 * Service centres over a real FleetCore (issue 16, seed 002's test plan): a centre registers,
 * submits documents, a moderator rejects then approves it; it takes on employees who see only
 * their centre; a plate typed any way finds a vehicle as a masked card, rate-limited and logged;
 * access comes only from the owner (a request approved, an invite code redeemed) and ends at once
 * when revoked; nothing a centre does moves a vehicle or shows its owner.
 */
const PASSWORD = "centres-e2e-password"
const VIN = "WVWZZZ1JZXW000001"

interface Centre {
  id: string
  status: string
  statusReason: string | null
  documents: Array<{ id: string }>
  decisions: Array<{ decision: string; reason: string | null }>
}
interface ErrorBody {
  error: { code: string; field?: string }
}
interface Grant {
  id: string
  active: boolean
  vehicle: { id: string; plate: string | null; vin: string | null; make: string | null }
}

let h: Harness
let fleetOrg = ""
let admin: ApiClient
let moderator: ApiClient
let carId = ""

const post = async <T>(path: string, body: unknown) => {
  const res = await fetch(`${h.fleet.httpUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as T }
}

const register = (name: string, email: string) =>
  post<{ centre: Centre; userId: string }>("/api/v1/centres/register", {
    name,
    country: "RU",
    address: "Moscow, Tverskaya 1",
    phone: "+7 495 123 4567",
    taxId: `77${Math.floor(Math.random() * 1e8)}`,
    ownerName: "Centre Owner",
    email,
    password: PASSWORD,
  })

const uploadLicence = async (api: ApiClient, centreId: string) => {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ccc" } })
    .png()
    .toBuffer()
  const form = new FormData()
  form.append("entityType", "service_centre")
  form.append("entityId", centreId)
  form.append("kind", "scan")
  form.append("files", new Blob([png], { type: "image/png" }), "licence.png")
  const res = await fetch(`${h.fleet.httpUrl}/api/v1/documents`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  })
  return res.status
}

/**
 * An approved centre and its owner's client, made in the database (registration through the API,
 * throttled per address, is the first test's).
 */
const approvedCentre = async (name: string, email: string): Promise<{ id: string; owner: ApiClient }> => {
  const org = await h.fleet.db.system.query<{ id: string }>(
    "INSERT INTO organisations (name, slug, kind) VALUES ($1, $2, 'service_centre') RETURNING id",
    [name, name.toLowerCase().replace(/[^a-z0-9]+/gu, "-")],
  )
  const id = org.rows[0]?.id as string
  await h.fleet.db.system.query(
    `INSERT INTO service_centres (org_id, country, address, phone, tax_id, status, approved_at)
     VALUES ($1, 'RU', 'Moscow', '+7 495 000 0000', '7700000000', 'approved', now())`,
    [id],
  )
  await createUser(h.fleet, id, "centre_owner", email, PASSWORD)
  return { id, owner: await login(h.fleet, email, PASSWORD) }
}

beforeAll(async () => {
  h = await startHarness()
  fleetOrg = await demoOrgId(h.fleet)
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  await createUser(h.fleet, fleetOrg, "moderator", "moderator@centres.example", PASSWORD)
  moderator = await login(h.fleet, "moderator@centres.example", PASSWORD)
  const car = await admin.call<{ id: string; plateCountry: string }>("POST", "/api/v1/vehicles", {
    name: "Centre test car",
    plate: "А 123 ВС 77 RUS",
    plateCountry: "RU",
    vin: VIN.toLowerCase(),
    brand: "Volkswagen",
    model: "Golf",
    year: 2019,
  })
  expect(car.status).toBe(201)
  expect(car.body.plateCountry).toBe("RU")
  carId = car.body.id
})
afterAll(async () => {
  await h?.close()
})

describe("registration and moderation", () => {
  it("registers a draft, refuses submitting without documents, and goes through rejection to approval", async () => {
    const made = await register("Tverskaya Motors", "owner@tverskaya.example")
    expect(made.status).toBe(201)
    expect(made.body.centre.status).toBe("draft")
    expect((await register("Tverskaya Motors", "other@tverskaya.example")).body).toMatchObject({
      error: { code: "FLEET_ORGANISATION_EXISTS" },
    })
    const owner = await login(h.fleet, "owner@tverskaya.example", PASSWORD)
    const id = made.body.centre.id
    const early = await owner.call<ErrorBody>("POST", "/api/v1/centre/submit")
    expect([early.status, early.body.error.code]).toEqual([409, "FLEET_CENTRE_DOCUMENTS_MISSING"])
    // Not approved: no employees yet.
    const hire = await owner.call<ErrorBody>("POST", "/api/v1/users", {
      email: "early@tverskaya.example",
      name: "Early",
      role: "mechanic",
    })
    expect([hire.status, hire.body.error.code]).toEqual([409, "FLEET_CENTRE_NOT_APPROVED"])
    expect(await uploadLicence(owner, id)).toBe(201)
    const submitted = await owner.call<Centre>("POST", "/api/v1/centre/submit")
    expect(submitted.body.status).toBe("submitted")
    expect(submitted.body.documents).toHaveLength(1)
    const locked = await owner.call<ErrorBody>("PATCH", "/api/v1/centre", { address: "Elsewhere 2" })
    expect([locked.status, locked.body.error.code]).toEqual([409, "FLEET_CENTRE_STATUS"])

    const queue = await moderator.call<{ items: Centre[] }>(
      "GET",
      "/api/v1/moderation/centres?status=submitted",
    )
    expect(queue.body.items.map((c) => c.id)).toContain(id)
    expect((await admin.call("GET", "/api/v1/moderation/centres")).status).toBe(403)
    const bare = await moderator.call<ErrorBody>("POST", `/api/v1/moderation/centres/${id}/decision`, {
      decision: "reject",
    })
    expect([bare.status, bare.body.error.field]).toEqual([400, "reason"])
    const rejected = await moderator.call<Centre>("POST", `/api/v1/moderation/centres/${id}/decision`, {
      decision: "reject",
      reason: "The licence scan is unreadable",
    })
    expect([rejected.body.status, rejected.body.statusReason]).toEqual([
      "rejected",
      "The licence scan is unreadable",
    ])
    const seen = await owner.call<Centre>("GET", "/api/v1/centre")
    expect(seen.body.decisions.map((d) => d.decision)).toEqual(["reject"])
    await expect
      .poll(async () => {
        const told = await owner.call<{ items: Array<{ title: string }> }>(
          "GET",
          "/api/v1/notifications?type=centre_decision",
        )
        return told.body.items.map((n) => n.title)
      })
      .toEqual(["Verification refused"])
    expect((await owner.call("PATCH", "/api/v1/centre", { address: "Tverskaya 1, bld 2" })).status).toBe(200)
    expect((await owner.call("POST", "/api/v1/centre/submit")).status).toBe(200)
    const approved = await moderator.call<Centre>("POST", `/api/v1/moderation/centres/${id}/decision`, {
      decision: "approve",
    })
    expect(approved.body.status).toBe("approved")
    const twice = await moderator.call<ErrorBody>("POST", `/api/v1/moderation/centres/${id}/decision`, {
      decision: "approve",
    })
    expect([twice.status, twice.body.error.code]).toEqual([409, "FLEET_CENTRE_STATUS"])
    const log = await h.fleet.db.system.query<{ action: string; actor_user_id: string }>(
      "SELECT action, actor_user_id FROM audit_log WHERE org_id = $1 AND action LIKE 'centre.%' ORDER BY id",
      [id],
    )
    expect(log.rows.map((r) => r.action)).toEqual([
      "centre.register",
      "centre.submit",
      "centre.reject",
      "centre.update",
      "centre.submit",
      "centre.approve",
    ])
  })

  it("throttles registrations per address", async () => {
    const answers: number[] = []
    for (let i = 0; i < 5; i++)
      answers.push((await register(`Throttled ${i}`, `t${i}@throttled.example`)).status)
    const last = await register("Throttled last", "last@throttled.example")
    expect(answers.filter((s) => s === 429)).not.toHaveLength(0)
    expect([last.status, (last.body as unknown as ErrorBody).error.code]).toEqual([
      429,
      "FLEET_CENTRE_REGISTRATION_THROTTLED",
    ])
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0)
  })
})

describe("employees", () => {
  it("are hired with centre roles only, and each sees only their own centre", async () => {
    const one = await approvedCentre("Staff One Garage", "owner@staff-one.example")
    const two = await approvedCentre("Staff Two Garage", "owner@staff-two.example")
    const wrongRole = await one.owner.call<ErrorBody>("POST", "/api/v1/users", {
      email: "admin@staff-one.example",
      name: "Would-be admin",
      role: "admin",
    })
    expect([wrongRole.status, wrongRole.body.error.code]).toEqual([403, "FLEET_ROLE_NOT_GRANTABLE"])
    const fleetHire = await admin.call<ErrorBody>("POST", "/api/v1/users", {
      email: "mechanic@fleet.example",
      name: "Fleet mechanic",
      role: "mechanic",
    })
    expect([fleetHire.status, fleetHire.body.error.code]).toEqual([403, "FLEET_ROLE_NOT_GRANTABLE"])
    const hired = await one.owner.call<{ user: { id: string } }>("POST", "/api/v1/users", {
      email: "mechanic@staff-one.example",
      name: "Mechanic One",
      role: "mechanic",
    })
    expect(hired.status).toBe(201)
    const usersOfTwo = await two.owner.call<{ items: Array<{ email: string }> }>("GET", "/api/v1/users")
    expect(usersOfTwo.body.items.map((u) => u.email)).toEqual(["owner@staff-two.example"])
    expect((await two.owner.call("GET", `/api/v1/users/${hired.body.user.id}`)).status).toBe(404)
    const centreOfTwo = await two.owner.call<Centre>("GET", "/api/v1/centre")
    expect(centreOfTwo.body.id).toBe(two.id)
    // A centre's people reach no fleet data.
    expect((await one.owner.call("GET", "/api/v1/vehicles")).status).toBe(403)
  })
})

describe("vehicle identity and masked search", () => {
  it("finds a plate typed in Latin or Cyrillic, with or without its marking, and a VIN, as a masked card", async () => {
    const { owner } = await approvedCentre("Search Garage", "owner@search.example")
    for (const plate of ["a123bc77", "А 123 ВС 77", "A-123-BC-77 RUS"]) {
      const found = await owner.call<{ found: boolean; vehicle: unknown }>(
        "POST",
        "/api/v1/centre/vehicle-search",
        {
          plate,
        },
      )
      expect(found.status).toBe(200)
      expect(found.body.found).toBe(true)
      expect(found.body.vehicle).toEqual({ make: "Volkswagen", model: "Golf", year: 2019 })
    }
    const byVin = await owner.call<{ found: boolean; vehicle: unknown }>(
      "POST",
      "/api/v1/centre/vehicle-search",
      {
        vin: VIN.toLowerCase(),
      },
    )
    expect(byVin.body).toMatchObject({
      found: true,
      vehicle: { make: "Volkswagen", model: "Golf", year: 2019 },
    })
    const text = JSON.stringify(byVin.body)
    for (const secret of [carId, fleetOrg, "Centre test car", "A123BC77", VIN, "demo"])
      expect(text).not.toContain(secret)
    // A plate written outside the API (the demo seed) gets the generic search key.
    await h.fleet.db.system.query(
      "INSERT INTO vehicles (org_id, name, plate, brand, model, year) VALUES ($1, 'Seeded', '555 KZT 02', 'Lada', 'Vesta', 2021)",
      [fleetOrg],
    )
    const seeded = await owner.call<{ vehicle: unknown }>("POST", "/api/v1/centre/vehicle-search", {
      plate: "555-kzt-02",
      country: "KZ",
    })
    expect(seeded.body.vehicle).toEqual({ make: "Lada", model: "Vesta", year: 2021 })
    const miss = await owner.call<{ found: boolean; vehicle: unknown }>(
      "POST",
      "/api/v1/centre/vehicle-search",
      {
        plate: "999 ZZZ 01",
        country: "KZ",
      },
    )
    expect(miss.body).toMatchObject({ found: false, vehicle: null })
  })

  it("keeps a VIN unique across the installation without saying whose it is", async () => {
    const other = await createOrg(h.fleet, "vin-thief", PASSWORD)
    const thief = await login(h.fleet, other.email, PASSWORD)
    const claim = await thief.call<ErrorBody & { error: { message: string } }>("POST", "/api/v1/vehicles", {
      name: "Mine now",
      vin: ` ${VIN.toLowerCase()} `,
    })
    expect([claim.status, claim.body.error.code, claim.body.error.field]).toEqual([
      409,
      "FLEET_VEHICLE_VIN_REGISTERED",
      "vin",
    ])
    expect(JSON.stringify(claim.body)).not.toMatch(/demo|Centre test car/iu)
  })

  it("limits a user to 30 searches an hour (429 with Retry-After) and shows fishing to moderators", async () => {
    const { id, owner } = await approvedCentre("Fishing Garage", "owner@fishing.example")
    for (let i = 0; i < 30; i++) {
      const r = await owner.call<{ found: boolean }>("POST", "/api/v1/centre/vehicle-search", {
        plate: `${100 + i} AAA 01`,
        country: "KZ",
      })
      expect(r.status).toBe(200)
    }
    const res = await fetch(`${h.fleet.httpUrl}/api/v1/centre/vehicle-search`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.token}`, "content-type": "application/json" },
      body: JSON.stringify({ plate: "131 AAA 01", country: "KZ" }),
    })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(3000)
    expect(((await res.json()) as ErrorBody).error.code).toBe("FLEET_VEHICLE_SEARCH_RATE_LIMITED")
    const logged = await h.fleet.db.system.query("SELECT 1 FROM vehicle_search_log WHERE org_id = $1", [id])
    expect(logged.rowCount).toBe(30)
    const suspicious = await moderator.call<
      Array<{ centreId: string; misses: number; distinctQueries: number }>
    >("GET", "/api/v1/moderation/suspicious-searches")
    expect(suspicious.body.find((s) => s.centreId === id)).toMatchObject({ misses: 30, distinctQueries: 30 })
    expect((await owner.call("GET", "/api/v1/moderation/suspicious-searches")).status).toBe(403)
  })
})

describe("owner-controlled access", () => {
  it("comes from a request the owner approves, and ends the moment the owner revokes it", async () => {
    const { id, owner } = await approvedCentre("Request Garage", "owner@request.example")
    const plate = (await admin.call<{ plate: string }>("GET", `/api/v1/vehicles/${carId}`)).body.plate
    const search = await owner.call<{ searchId: string }>("POST", "/api/v1/centre/vehicle-search", {
      vin: VIN,
    })
    const asked = await owner.call<{
      id: string
      vehicleId: string | null
      vehicleName: string | null
      status: string
    }>("POST", "/api/v1/centre/access-requests", {
      searchId: search.body.searchId,
      scope: "service",
      message: "Customer brought it in",
    })
    expect(asked.status).toBe(201)
    expect(asked.body).toMatchObject({ vehicleId: null, vehicleName: null, status: "pending" })
    const ours = await owner.call<{ items: Array<{ vehicleName: string | null }> }>(
      "GET",
      "/api/v1/centre/access-requests",
    )
    expect(ours.body.items.map((r) => r.vehicleName)).toEqual([null])
    const again = await owner.call<ErrorBody>("POST", "/api/v1/centre/access-requests", {
      searchId: search.body.searchId,
      scope: "service",
    })
    expect(again.body.error.code).toBe("FLEET_ACCESS_REQUEST_PENDING")
    // Asking changed nothing: the vehicle stays its owner's and the centre reaches no grant.
    const before = await h.fleet.db.system.query("SELECT org_id FROM vehicles WHERE id = $1", [carId])
    expect(before.rows[0]?.org_id).toBe(fleetOrg)
    expect(await h.fleet.db.withOrg(id, (c) => activeGrant(c, id, carId))).toBeNull()

    await expect
      .poll(async () => {
        const told = await admin.call<{ items: Array<{ title: string }> }>(
          "GET",
          "/api/v1/notifications?type=vehicle_access",
        )
        return told.body.items.map((n) => n.title)
      })
      .toContain(`Request Garage asks for access to ${plate}`)
    const pending = await admin.call<{
      items: Array<{ id: string; vehicleId: string; vehicleName: string }>
    }>("GET", "/api/v1/vehicle-access/requests?status=pending")
    // The fleet is told which of its vehicles is asked for, not only the masked card the centre saw.
    const carName = (await admin.call<{ name: string }>("GET", `/api/v1/vehicles/${carId}`)).body.name
    expect(pending.body.items.find((r) => r.id === asked.body.id)).toMatchObject({
      vehicleId: carId,
      vehicleName: `${carName} (${plate})`,
    })
    const approved = await admin.call<{ status: string }>(
      "POST",
      `/api/v1/vehicle-access/requests/${asked.body.id}/decision`,
      { approve: true, validUntil: new Date(Date.now() + 86_400_000).toISOString() },
    )
    expect(approved.body.status).toBe("approved")
    const grants = await owner.call<{ items: Grant[] }>("GET", "/api/v1/centre/grants?active=true")
    expect(grants.body.items).toHaveLength(1)
    expect(grants.body.items[0]?.vehicle).toMatchObject({ id: carId, vin: VIN, make: "Volkswagen" })
    expect((await h.fleet.db.withOrg(id, (c) => activeGrant(c, id, carId)))?.scope).toBe("service")

    const fleetSide = await admin.call<{ items: Grant[] }>(
      "GET",
      `/api/v1/vehicle-access/grants?vehicleId=${carId}&active=true`,
    )
    const grantId = fleetSide.body.items.find((g) => g.id === grants.body.items[0]?.id)?.id as string
    const revoked = await admin.call<Grant>("POST", `/api/v1/vehicle-access/grants/${grantId}/revoke`)
    expect(revoked.body.active).toBe(false)
    expect(await h.fleet.db.withOrg(id, (c) => activeGrant(c, id, carId))).toBeNull()
    await expect
      .poll(async () => {
        const told = await owner.call<{ items: Array<{ title: string }> }>(
          "GET",
          "/api/v1/notifications?type=vehicle_access",
        )
        return told.body.items.map((n) => n.title).sort()
      })
      .toEqual(["Access to Volkswagen Golf granted", "Access to Volkswagen Golf revoked"])
    const after = await owner.call<{ items: Grant[] }>("GET", "/api/v1/centre/grants")
    expect(after.body.items[0]).toMatchObject({ active: false, vehicle: { plate: null, vin: null } })
    const owners = await h.fleet.db.system.query("SELECT org_id FROM vehicles WHERE id = $1", [carId])
    expect(owners.rows[0]?.org_id).toBe(fleetOrg)
  })

  it("comes from a single-use invite code the fleet hands over; another centre's grants stay apart", async () => {
    const { id, owner } = await approvedCentre("Invite Garage", "owner@invite.example")
    const other = await approvedCentre("Bystander Garage", "owner@bystander.example")
    const made = await admin.call<{ code: string; invite: { id: string; status: string } }>(
      "POST",
      "/api/v1/vehicle-access/invites",
      { vehicleIds: [carId], scope: "read", expiresInHours: 2 },
    )
    expect(made.status).toBe(201)
    expect(made.body.invite.status).toBe("open")
    const stored = await h.fleet.db.system.query<{ code_hash: Buffer }>(
      "SELECT code_hash FROM vehicle_access_invites WHERE id = $1",
      [made.body.invite.id],
    )
    expect(stored.rows[0]?.code_hash.toString("utf8")).not.toContain(made.body.code.replace("-", ""))
    const redeemed = await owner.call<Grant[]>("POST", "/api/v1/centre/redeem", {
      code: made.body.code.toLowerCase(),
    })
    expect(redeemed.status).toBe(201)
    expect(redeemed.body.map((g) => g.vehicle.id)).toEqual([carId])
    // The fleet is told who took up its code.
    const { plate } = (await admin.call<{ plate: string }>("GET", `/api/v1/vehicles/${carId}`)).body
    await expect
      .poll(async () => {
        const told = await admin.call<{ items: Array<{ title: string }> }>(
          "GET",
          "/api/v1/notifications?type=vehicle_access",
        )
        return told.body.items.map((n) => n.title)
      })
      .toContain(`Invite Garage took up your invite code for ${plate}`)
    const reuse = await other.owner.call<ErrorBody>("POST", "/api/v1/centre/redeem", { code: made.body.code })
    expect([reuse.status, reuse.body.error.code]).toEqual([422, "FLEET_ACCESS_CODE_INVALID"])
    expect((await h.fleet.db.withOrg(id, (c) => activeGrant(c, id, carId)))?.scope).toBe("read")
    expect(await h.fleet.db.withOrg(other.id, (c) => activeGrant(c, other.id, carId))).toBeNull()
    const bystander = await other.owner.call<{ items: Grant[] }>("GET", "/api/v1/centre/grants")
    expect(bystander.body.items).toEqual([])
    const foreign = await other.owner.call<ErrorBody>(
      "POST",
      `/api/v1/centre/grants/${redeemed.body[0]?.id}/revoke`,
    )
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "FLEET_ACCESS_GRANT_NOT_FOUND"])
    const invites = await admin.call<{ items: Array<{ id: string; status: string }> }>(
      "GET",
      "/api/v1/vehicle-access/invites",
    )
    expect(invites.body.items.find((i) => i.id === made.body.invite.id)?.status).toBe("redeemed")
    // The list finds it by the redeeming centre, by its vehicle's name, by state and by vehicle.
    const found = async (query: string) =>
      (
        await admin.call<{ items: Array<{ id: string }> }>("GET", `/api/v1/vehicle-access/invites?${query}`)
      ).body.items.some((i) => i.id === made.body.invite.id)
    expect({
      byCentre: await found("q=invite%20garage"),
      byVehicle: await found("q=centre%20test"),
      byOtherText: await found("q=bystander"),
      redeemed: await found("status=redeemed"),
      open: await found("status=open"),
      byCar: await found(`vehicleId=${carId}`),
      byOtherCar: await found("vehicleId=00000000-0000-4000-8000-000000000000"),
    }).toEqual({
      byCentre: true,
      byVehicle: true,
      byOtherText: false,
      redeemed: true,
      open: false,
      byCar: true,
      byOtherCar: false,
    })
    // The centre gives the access up itself.
    const given = await owner.call<Grant>("POST", `/api/v1/centre/grants/${redeemed.body[0]?.id}/revoke`)
    expect(given.body.active).toBe(false)
    expect(await h.fleet.db.withOrg(id, (c) => activeGrant(c, id, carId))).toBeNull()
  })

  it("is seen by both organisations and no third", async () => {
    const centre = await createOrg(h.fleet, "grant-centre", PASSWORD)
    const third = await createOrg(h.fleet, "grant-third", PASSWORD)
    await h.fleet.db.system.query("UPDATE organisations SET kind = 'service_centre' WHERE id = $1", [
      centre.orgId,
    ])
    const grant = await h.fleet.db.system.query<{ id: string }>(
      `INSERT INTO vehicle_access_grants (org_id, centre_org_id, vehicle_id, scope, source, valid_until)
       VALUES ($1, $2, $3, 'service', 'invite_code', now() + interval '1 day') RETURNING id`,
      [fleetOrg, centre.orgId, carId],
    )
    const id = grant.rows[0]?.id
    const seen = (org: string) =>
      h.fleet.db.withOrg(
        org,
        async (c) => (await c.query("SELECT id FROM vehicle_access_grants WHERE id = $1", [id])).rows.length,
      )
    expect([await seen(fleetOrg), await seen(centre.orgId), await seen(third.orgId)]).toEqual([1, 1, 0])
    expect(await h.fleet.db.withOrg(third.orgId, (c) => activeGrant(c, third.orgId, carId))).toBeNull()
    await h.fleet.db.system.query("UPDATE vehicle_access_grants SET valid_until = now() WHERE id = $1", [id])
    expect(await h.fleet.db.withOrg(centre.orgId, (c) => activeGrant(c, centre.orgId, carId))).toBeNull()
  })
})
