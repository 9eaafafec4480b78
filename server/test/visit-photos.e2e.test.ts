import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"
import { makeCentre } from "./makeCentre.js"

/**
 * Photos of a service visit (issue 16, "work items … photos"): the centre's mechanic adds them to
 * an open visit, checked by content like every upload; the vehicle's organisation and the centre
 * both see them; another centre and another fleet do not; a visit no longer open takes none.
 */
const PASSWORD = "visit-photos-password"

let h: Harness
let admin: ApiClient
let mechanic: ApiClient
let otherMechanic: ApiClient
let visitId = ""

interface Photo {
  id: string
  filename: string
  mimeType: string
  sizeBytes: number
  contentUrl: string
  thumbnailUrl: string | null
}
interface Detail {
  id: string
  status: string
  photos: Photo[]
  error?: { code: string; message: string }
}

const sys = <R extends object = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  h.fleet.db.system.query<R>(text, values)

/** A service centre organisation, approved, with a manager and a mechanic; the mechanic signed in. */
const makeApprovedCentre = async (slug: string): Promise<ApiClient> =>
  (await makeCentre(h, slug, "approved", ["centre_manager", "mechanic"], PASSWORD)).clients[1] as ApiClient

const upload = async (
  api: ApiClient,
  id: string,
  files: ReadonlyArray<{ name: string; bytes: Buffer; type: string }>,
) => {
  const form = new FormData()
  for (const f of files) form.append("files", new Blob([f.bytes], { type: f.type }), f.name)
  const r = await fetch(`${h.fleet.httpUrl}/api/v1/service-visits/${id}/photos`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  })
  return { status: r.status, body: (await r.json()) as Detail }
}

const read = async (api: ApiClient, url: string) => {
  const r = await fetch(`${h.fleet.httpUrl}${url}`, { headers: { authorization: `Bearer ${api.token}` } })
  return { status: r.status, type: r.headers.get("content-type"), bytes: Buffer.from(await r.arrayBuffer()) }
}

let jpeg: Buffer

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const van = (
    await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "Photo van", plate: "PHT 001" })
  ).body.id
  mechanic = await makeApprovedCentre("photo-centre")
  otherMechanic = await makeApprovedCentre("photo-centre-2")
  const manager = await login(h.fleet, "centre_manager@photo-centre.example", PASSWORD)
  const invite = await admin.call<{ code: string }>("POST", "/api/v1/vehicle-access/invites", {
    vehicleIds: [van],
    scope: "service",
  })
  expect((await manager.call("POST", "/api/v1/centre/redeem", { code: invite.body.code })).status).toBe(201)
  const opened = await mechanic.call<Detail>("POST", "/api/v1/service-visits", {
    vehicleId: van,
    odometerKm: 61_000,
    complaint: "Brakes squeal",
    currency: "KZT",
  })
  expect(opened.status, JSON.stringify(opened.body)).toBe(201)
  visitId = opened.body.id
  jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#c0392b" } })
    .jpeg()
    .toBuffer()
}, 120_000)
afterAll(async () => {
  await h?.close()
})

describe("service visit photos", () => {
  it("stores the mechanic's photos on the open visit, with thumbnails, audited", async () => {
    const added = await upload(mechanic, visitId, [
      { name: "pads-before.jpg", bytes: jpeg, type: "image/jpeg" },
      { name: "pads-after.jpg", bytes: jpeg, type: "image/jpeg" },
    ])
    expect(added.status, JSON.stringify(added.body)).toBe(201)
    expect(added.body.photos.map((p) => [p.filename, p.mimeType, p.sizeBytes])).toEqual([
      ["pads-before.jpg", "image/jpeg", jpeg.length],
      ["pads-after.jpg", "image/jpeg", jpeg.length],
    ])
    const audited = await sys<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'service-visit.photos' AND entity_id = $1",
      [visitId],
    )
    expect(Number(audited.rows[0]?.n)).toBe(1)
  })

  it("shows the photos to the vehicle's organisation and to the centre, and to no one else", async () => {
    const seen = await admin.call<Detail>("GET", `/api/v1/service-visits/${visitId}`)
    const photo = seen.body.photos[0] as Photo
    const original = await read(admin, photo.contentUrl)
    expect([original.status, original.type]).toEqual([200, "image/jpeg"])
    expect(original.bytes.equals(jpeg)).toBe(true)
    const thumbnail = await read(mechanic, photo.thumbnailUrl ?? "")
    expect([thumbnail.status, thumbnail.type]).toEqual([200, "image/webp"])
    expect((await sharp(thumbnail.bytes).metadata()).width).toBeLessThanOrEqual(320)

    // Another centre: the visit itself does not exist for it.
    const foreign = await read(otherMechanic, photo.contentUrl)
    expect(foreign.status).toBe(404)
    // A photo id of this visit under another visit id is not found either.
    const wrongVisit = await read(
      admin,
      photo.contentUrl.replace(visitId, "00000000-0000-4000-8000-000000000000"),
    )
    expect(wrongVisit.status).toBe(404)
  })

  it("refuses what is not a photo, precisely, and stores nothing of the form", async () => {
    const before = (await admin.call<Detail>("GET", `/api/v1/service-visits/${visitId}`)).body.photos.length
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    const refusedPdf = await upload(mechanic, visitId, [
      { name: "ok.jpg", bytes: jpeg, type: "image/jpeg" },
      { name: "invoice.pdf", bytes: pdf, type: "application/pdf" },
    ])
    expect([refusedPdf.status, refusedPdf.body.error?.code]).toEqual([415, "FLEET_VISIT_PHOTO_TYPE"])
    const text = await upload(mechanic, visitId, [
      { name: "note.jpg", bytes: Buffer.from("just text"), type: "image/jpeg" },
    ])
    expect([text.status, text.body.error?.code]).toEqual([415, "FLEET_DOCUMENT_TYPE_REFUSED"])
    const none = await upload(mechanic, visitId, [])
    expect([none.status, none.body.error?.code]).toEqual([400, "FLEET_VISIT_PHOTOS_INVALID"])
    // The fleet adds nothing to a centre's visit.
    const byFleet = await upload(admin, visitId, [{ name: "x.jpg", bytes: jpeg, type: "image/jpeg" }])
    expect(byFleet.status).toBe(403)
    expect((await admin.call<Detail>("GET", `/api/v1/service-visits/${visitId}`)).body.photos).toHaveLength(
      before,
    )
  })

  it("takes no photo once the visit is completed", async () => {
    const item = await mechanic.call("POST", `/api/v1/service-visits/${visitId}/items`, {
      kind: "labour",
      description: "Brake pads replaced",
      quantity: 1,
      unitCost: "15000.00",
      currency: "KZT",
    })
    expect(item.status).toBe(201)
    const manager = await login(h.fleet, "centre_manager@photo-centre.example", PASSWORD)
    expect((await manager.call("POST", `/api/v1/service-visits/${visitId}/complete`)).status).toBe(200)
    const late = await upload(mechanic, visitId, [{ name: "late.jpg", bytes: jpeg, type: "image/jpeg" }])
    expect([late.status, late.body.error?.code]).toEqual([409, "FLEET_VISIT_STATUS"])
  })
})
