import { readdir } from "node:fs/promises"
import { join } from "node:path"
import { hashSecret } from "@fleetcore/platform"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  demoOrgId,
  type Harness,
  login,
  provision,
  startHarness,
} from "./harness.js"

/**
 * Documents end to end on the local folder store: uploads checked by content and size, thumbnails,
 * downloads with safe headers, edits, deletes that remove the bytes, another organisation's
 * documents answering 404, and a driver confined to their vehicles and their own record.
 */
let h: Harness
let admin: ApiClient
let driver: ApiClient
let otherAdmin: ApiClient
let vehicleA = ""
let vehicleB = ""
let ownDriverRecord = ""
let otherDriverRecord = ""
let foreignVehicle = ""

interface Doc {
  readonly id: string
  readonly entityType: string
  readonly entityId: string
  readonly kind: string
  readonly filename: string
  readonly mimeType: string
  readonly sizeBytes: number
  readonly expiresOn: string | null
  readonly cover: boolean
  readonly downloadUrl: string
  readonly thumbnailUrl: string | null
}

const png = (width = 800, height = 600) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .png()
    .toBuffer()
const jpeg = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .jpeg()
    .toBuffer()
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
)
/** A Windows executable's header (MZ … PE). */
const EXE = Buffer.concat([
  Buffer.from("MZ"),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from("PE\0\0"),
  Buffer.alloc(200),
])
const HTML = Buffer.from("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>")

interface Part {
  readonly name: string
  readonly bytes: Buffer
  readonly type?: string
}

const upload = async (
  api: ApiClient,
  fields: Readonly<Record<string, string>>,
  files: ReadonlyArray<Part>,
): Promise<{ status: number; body: { items?: Array<Doc>; error?: { code: string; field?: string } } }> => {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const f of files)
    form.append("files", new Blob([f.bytes], { type: f.type ?? "application/pdf" }), f.name)
  const res = await fetch(`${h.fleet.httpUrl}/api/v1/documents`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  })
  return { status: res.status, body: (await res.json()) as never }
}

const get = (api: ApiClient, path: string) =>
  fetch(`${h.fleet.httpUrl}${path}`, { headers: { authorization: `Bearer ${api.token}` } })

/** Every file under the documents folder (temporary files included). */
const storedFiles = async (): Promise<Array<string>> => {
  try {
    return (await readdir(join(h.dataDir, "documents"), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
  } catch {
    return []
  }
}
const documentRows = async (): Promise<number> =>
  Number((await h.fleet.db.system.query<{ n: string }>("SELECT count(*) AS n FROM documents")).rows[0]?.n)

/** Runs a refused upload and checks that it left no file and no row behind. */
const expectNothingStored = async (refused: () => Promise<void>) => {
  const files = await storedFiles()
  const rowsBefore = await documentRows()
  await refused()
  expect(await storedFiles()).toEqual(files)
  expect(await documentRows()).toBe(rowsBefore)
}

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  vehicleA = (await provision(admin, "doc-a-1", "DOC 001")).vehicleId
  vehicleB = (await provision(admin, "doc-b-1", "DOC 002")).vehicleId
  const orgId = await demoOrgId(h.fleet)
  const driverUser = (
    await h.fleet.db.system.query<{ id: string }>(
      "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'doc.driver@demo.example', 'Doc Driver', $2, 'driver') RETURNING id",
      [orgId, await hashSecret("doc-driver-password")],
    )
  ).rows[0]?.id as string
  const record = async (name: string, userId: string | null) =>
    (
      await h.fleet.db.system.query<{ id: string }>(
        "INSERT INTO drivers (org_id, user_id, full_name) VALUES ($1, $2, $3) RETURNING id",
        [orgId, userId, name],
      )
    ).rows[0]?.id as string
  ownDriverRecord = await record("Doc Driver", driverUser)
  otherDriverRecord = await record("Someone Else", null)
  const assigned = await admin.call("POST", `/api/v1/vehicles/${vehicleA}/assignments`, {
    driverId: ownDriverRecord,
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
  })
  expect(assigned.status).toBe(201)
  driver = await login(h.fleet, "doc.driver@demo.example", "doc-driver-password")
  const other = await createOrg(h.fleet, "doc-other", "doc-other-password")
  otherAdmin = await login(h.fleet, other.email, "doc-other-password")
  foreignVehicle = (await provision(otherAdmin, "doc-x-1", "DOC 999")).vehicleId
}, 120_000)
afterAll(async () => {
  await h?.close()
})

describe("uploads", () => {
  it("stores an image with a 320 px WebP thumbnail beside it", async () => {
    const bytes = await jpeg()
    const r = await upload(admin, { entityType: "vehicle", entityId: vehicleA, kind: "photo" }, [
      { name: "front.jpg", bytes, type: "image/jpeg" },
    ])
    expect(r.status).toBe(201)
    const doc = r.body.items?.[0] as Doc
    expect(doc).toMatchObject({
      entityType: "vehicle",
      entityId: vehicleA,
      kind: "photo",
      filename: "front.jpg",
    })
    expect(doc.mimeType).toBe("image/jpeg")
    expect(doc.sizeBytes).toBe(bytes.length)
    expect(doc.thumbnailUrl).toBe(`/api/v1/documents/${doc.id}/thumbnail`)
    const thumb = await get(admin, doc.thumbnailUrl as string)
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get("content-type")).toBe("image/webp")
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()
    expect(meta.format).toBe("webp")
    expect([meta.width, meta.height]).toEqual([320, 240])
    const files = await storedFiles()
    expect(files.filter((f) => f.includes(doc.id))).toHaveLength(2)
  })

  it("stores a PDF without a thumbnail and serves it with its type, a safe disposition and nosniff", async () => {
    const r = await upload(
      admin,
      { entityType: "vehicle", entityId: vehicleA, kind: "insurance", expiresOn: "2030-01-31" },
      [{ name: "ОСАГО полис.pdf", bytes: PDF }],
    )
    expect(r.status).toBe(201)
    const doc = r.body.items?.[0] as Doc
    expect(doc).toMatchObject({ mimeType: "application/pdf", thumbnailUrl: null, expiresOn: "2030-01-31" })
    const res = await get(admin, doc.downloadUrl)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("application/pdf")
    expect(res.headers.get("x-content-type-options")).toBe("nosniff")
    const disposition = res.headers.get("content-disposition") ?? ""
    expect(disposition).toMatch(/^attachment; filename="/u)
    expect(disposition).toContain("filename*=UTF-8''%D0%9E%D0%A1%D0%90%D0%93%D0%9E%20")
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true)
    const inline = await get(admin, `${doc.downloadUrl}?inline=true`)
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; /u)
    expect((await get(admin, doc.thumbnailUrl ?? `/api/v1/documents/${doc.id}/thumbnail`)).status).toBe(404)
  })

  it("takes several files at once", async () => {
    const r = await upload(admin, { entityType: "vehicle", entityId: vehicleB, kind: "scan" }, [
      { name: "a.png", bytes: await png(), type: "image/png" },
      { name: "b.pdf", bytes: PDF },
      { name: "c.png", bytes: await png(100, 50), type: "image/png" },
    ])
    expect(r.status).toBe(201)
    expect(r.body.items?.map((d) => [d.filename, d.mimeType, d.thumbnailUrl !== null])).toEqual([
      ["a.png", "image/png", true],
      ["b.pdf", "application/pdf", false],
      ["c.png", "image/png", true],
    ])
  })

  it("refuses content that is not what its name says with 415, storing nothing (one bad file refuses all)", async () => {
    for (const bytes of [EXE, HTML, Buffer.from("just text, named like a PDF")]) {
      await expectNothingStored(async () => {
        const r = await upload(admin, { entityType: "vehicle", entityId: vehicleA, kind: "scan" }, [
          { name: "good.pdf", bytes: PDF },
          { name: "scan.pdf", bytes },
        ])
        expect([r.status, r.body.error?.code]).toEqual([415, "FLEET_DOCUMENT_TYPE_REFUSED"])
      })
    }
    // Bytes that start like a PNG but are not one.
    await expectNothingStored(async () => {
      const broken = Buffer.concat([(await png()).subarray(0, 40), Buffer.alloc(500, 7)])
      const r = await upload(admin, { entityType: "vehicle", entityId: vehicleA, kind: "photo" }, [
        { name: "broken.png", bytes: broken, type: "image/png" },
      ])
      expect([r.status, r.body.error?.code]).toEqual([415, "FLEET_DOCUMENT_TYPE_REFUSED"])
    })
  })

  it("refuses a file over 10 MB with 413, storing nothing", async () => {
    await expectNothingStored(async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])
      const r = await upload(admin, { entityType: "vehicle", entityId: vehicleA, kind: "scan" }, [
        { name: "big.pdf", bytes: big },
      ])
      expect([r.status, r.body.error?.code]).toEqual([413, "FLEET_DOCUMENT_TOO_LARGE"])
    })
  })

  it("refuses path-traversal names with 400, storing nothing", async () => {
    for (const name of ["../../etc/passwd", "..\\..\\boot.ini", "/etc/shadow", "a/b.pdf", "..", " x.pdf"]) {
      await expectNothingStored(async () => {
        const r = await upload(admin, { entityType: "vehicle", entityId: vehicleA, kind: "scan" }, [
          { name, bytes: PDF },
        ])
        expect([name, r.status, r.body.error?.code]).toEqual([name, 400, "FLEET_DOCUMENT_FILENAME_INVALID"])
      })
    }
  })

  it("refuses names with NUL or other control characters with 400, storing nothing", async () => {
    // Sent raw in the part's header: busboy may already refuse the header (the form is malformed)
    // or pass the name on, which the name check refuses; either way nothing is stored.
    for (const name of ["evil\u0000.pdf", "x\u0001.pdf"]) {
      await expectNothingStored(async () => {
        const r = await upload(admin, { entityType: "vehicle", entityId: vehicleA, kind: "scan" }, [
          { name, bytes: PDF },
        ])
        expect(r.status).toBe(400)
        expect(["FLEET_DOCUMENT_FILENAME_INVALID", "FLEET_DOCUMENT_UPLOAD_INVALID"]).toContain(
          r.body.error?.code,
        )
      })
    }
  })

  it("refuses a form without files, with an unknown field or too many files (400)", async () => {
    const fields = { entityType: "vehicle", entityId: vehicleA, kind: "scan" }
    expect((await upload(admin, fields, [])).body.error?.code).toBe("FLEET_DOCUMENT_UPLOAD_INVALID")
    const extra = await upload(admin, { ...fields, path: "/tmp" }, [{ name: "a.pdf", bytes: PDF }])
    expect([extra.status, extra.body.error?.field]).toEqual([400, "path"])
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.pdf`, bytes: PDF }))
    await expectNothingStored(async () => {
      expect((await upload(admin, fields, many)).status).toBe(400)
    })
    const json = await admin.call("POST", "/api/v1/documents", fields)
    expect(json.status).toBe(400)
  })
})

describe("organisations and drivers", () => {
  it("answers another organisation's document and record as unknown ones (404)", async () => {
    const mine = (
      await upload(admin, { entityType: "vehicle", entityId: vehicleA, kind: "photo" }, [
        { name: "p.png", bytes: await png(), type: "image/png" },
      ])
    ).body.items?.[0] as Doc
    for (const path of [`/api/v1/documents/${mine.id}`, mine.downloadUrl, mine.thumbnailUrl as string]) {
      const res = await get(otherAdmin, path)
      expect([path, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
        path,
        404,
        "FLEET_DOCUMENT_NOT_FOUND",
      ])
    }
    expect((await otherAdmin.call("PATCH", `/api/v1/documents/${mine.id}`, { kind: "other" })).status).toBe(
      404,
    )
    expect((await otherAdmin.call("DELETE", `/api/v1/documents/${mine.id}`)).status).toBe(404)
    const list = await otherAdmin.call<{ total: number }>("GET", `/api/v1/documents?entityId=${vehicleA}`)
    expect(list.body.total).toBe(0)
    await expectNothingStored(async () => {
      const r = await upload(admin, { entityType: "vehicle", entityId: foreignVehicle, kind: "photo" }, [
        { name: "p.png", bytes: await png(), type: "image/png" },
      ])
      expect([r.status, r.body.error?.code]).toEqual([404, "FLEET_DOCUMENT_ENTITY_NOT_FOUND"])
    })
  })

  it("confines a driver to the vehicles assigned to them and their own driver record", async () => {
    const onB = (
      await upload(admin, { entityType: "vehicle", entityId: vehicleB, kind: "registration" }, [
        { name: "reg-b.pdf", bytes: PDF },
      ])
    ).body.items?.[0] as Doc
    const onOther = (
      await upload(admin, { entityType: "driver", entityId: otherDriverRecord, kind: "licence" }, [
        { name: "other-licence.pdf", bytes: PDF },
      ])
    ).body.items?.[0] as Doc
    const own = await upload(driver, { entityType: "driver", entityId: ownDriverRecord, kind: "licence" }, [
      { name: "my-licence.pdf", bytes: PDF },
    ])
    expect(own.status).toBe(201)
    const onA = await upload(driver, { entityType: "vehicle", entityId: vehicleA, kind: "photo" }, [
      { name: "dent.png", bytes: await png(), type: "image/png" },
    ])
    expect(onA.status).toBe(201)
    for (const [type, id] of [
      ["vehicle", vehicleB],
      ["driver", otherDriverRecord],
      ["vehicle", foreignVehicle],
    ] as const) {
      const r = await upload(driver, { entityType: type, entityId: id, kind: "other" }, [
        { name: "x.pdf", bytes: PDF },
      ])
      expect([type, id, r.status]).toEqual([type, id, 404])
    }
    for (const doc of [onB, onOther]) {
      expect((await get(driver, `/api/v1/documents/${doc.id}`)).status).toBe(404)
      expect((await get(driver, doc.downloadUrl)).status).toBe(404)
    }
    const list = await driver.call<{ items: Array<Doc> }>("GET", "/api/v1/documents?pageSize=200")
    const seen = new Set(list.body.items.map((d) => `${d.entityType}:${d.entityId}`))
    expect([...seen].sort()).toEqual([`driver:${ownDriverRecord}`, `vehicle:${vehicleA}`].sort())
    // A driver uploads but does not edit or delete.
    expect((await driver.call("DELETE", `/api/v1/documents/${onA.body.items?.[0]?.id}`)).status).toBe(403)
  })
})

describe("changes", () => {
  it("edits kind, expiry and name, finds expiring documents, and deletes the bytes with the row", async () => {
    const doc = (
      await upload(admin, { entityType: "vehicle", entityId: vehicleB, kind: "photo" }, [
        { name: "side.png", bytes: await png(), type: "image/png" },
      ])
    ).body.items?.[0] as Doc
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
    const edited = await admin.call<Doc>("PATCH", `/api/v1/documents/${doc.id}`, {
      kind: "insurance",
      expiresOn: soon,
      filename: "КАСКО 2026.png",
    })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ kind: "insurance", expiresOn: soon, filename: "КАСКО 2026.png" })
    const bad = await admin.call<{ error: { code: string } }>("PATCH", `/api/v1/documents/${doc.id}`, {
      filename: "../x.png",
    })
    expect([bad.status, bad.body.error.code]).toEqual([400, "FLEET_DOCUMENT_INVALID"])
    const expiring = await admin.call<{ items: Array<Doc & { entityName: string | null }> }>(
      "GET",
      "/api/v1/documents?expiringWithinDays=30",
    )
    expect(expiring.body.items.map((d) => d.id)).toContain(doc.id)
    // The list names each document's record: here the vehicle, by name and plate.
    expect(expiring.body.items.find((d) => d.id === doc.id)?.entityName).toBe("Vehicle doc-b-1 · DOC 002")
    expect(
      expiring.body.items.every((d) => d.expiresOn !== null && d.expiresOn <= soon.replace(/\d\d$/u, "99")),
    ).toBe(true)
    const far = await admin.call<{ items: Array<Doc> }>("GET", "/api/v1/documents?expiringWithinDays=1")
    expect(far.body.items.map((d) => d.id)).not.toContain(doc.id)
    const found = await admin.call<{ items: Array<Doc> }>(
      "GET",
      `/api/v1/documents?q=${encodeURIComponent("каско")}`,
    )
    expect(found.body.items.map((d) => d.id)).toEqual([doc.id])

    expect((await storedFiles()).filter((f) => f.includes(doc.id))).toHaveLength(2)
    expect((await admin.call("DELETE", `/api/v1/documents/${doc.id}`)).status).toBe(204)
    expect((await storedFiles()).filter((f) => f.includes(doc.id))).toEqual([])
    expect((await get(admin, `/api/v1/documents/${doc.id}`)).status).toBe(404)
    const audited = await h.fleet.db.system.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'document' AND entity_id = $1 ORDER BY seq",
      [doc.id],
    )
    expect(audited.rows.map((r) => r.action)).toEqual([
      "document.upload",
      "document.update",
      "document.delete",
    ])
  })

  it("names a task's and a ticket's record in the list, as a vehicle's and a driver's", async () => {
    const task = await admin.call<{ id: string }>("POST", "/api/v1/tasks", { title: "Replace the wipers" })
    expect(task.status).toBe(201)
    const ticket = await admin.call<{ id: string; number: number }>("POST", "/api/v1/tickets", {
      type: "damage",
      title: "Cracked windscreen",
      vehicleId: vehicleA,
    })
    expect(ticket.status).toBe(201)
    for (const [entityType, entityId] of [
      ["task", task.body.id],
      ["ticket", ticket.body.id],
      ["driver", otherDriverRecord],
    ] as const)
      expect(
        (
          await upload(admin, { entityType, entityId, kind: "other" }, [
            { name: `${entityType}.pdf`, bytes: PDF },
          ])
        ).status,
      ).toBe(201)
    const named = async (entityType: string, entityId: string) => {
      const r = await admin.call<{ items: Array<{ entityName: string | null }> }>(
        "GET",
        `/api/v1/documents?entityType=${entityType}&entityId=${entityId}`,
      )
      return r.body.items.map((d) => d.entityName)
    }
    expect(await named("task", task.body.id)).toEqual(["Replace the wipers"])
    expect(await named("ticket", ticket.body.id)).toEqual([`#${ticket.body.number} Cracked windscreen`])
    expect(await named("driver", otherDriverRecord)).toContain("Someone Else")
  })

  it("keeps a document's title, number and issue date (seed 003 step 4.4), found by search, edited, checked", async () => {
    const r = await upload(
      admin,
      {
        entityType: "driver",
        entityId: otherDriverRecord,
        kind: "licence",
        title: "Driver Licence",
        number: "DL-123456789",
        issuedOn: "2020-05-10",
        expiresOn: "2030-05-10",
      },
      [{ name: "licence.pdf", bytes: PDF }],
    )
    expect(r.status).toBe(201)
    const doc = r.body.items?.[0] as Doc & {
      title: string | null
      number: string | null
      issuedOn: string | null
    }
    expect(doc).toMatchObject({
      title: "Driver Licence",
      number: "DL-123456789",
      issuedOn: "2020-05-10",
      expiresOn: "2030-05-10",
    })
    const found = await admin.call<{ items: Array<Doc> }>("GET", "/api/v1/documents?q=dl-1234")
    expect(found.body.items.map((d) => d.id)).toEqual([doc.id])
    const edited = await admin.call<typeof doc>("PATCH", `/api/v1/documents/${doc.id}`, {
      number: "DL-987654321",
      title: null,
    })
    expect(edited.body).toMatchObject({ title: null, number: "DL-987654321", issuedOn: "2020-05-10" })
    // An expiry before the issue date is refused, on upload and on edit, naming the expiry.
    const early = await admin.call<{ error: { code: string; field: string } }>(
      "PATCH",
      `/api/v1/documents/${doc.id}`,
      { expiresOn: "2019-01-01" },
    )
    expect([early.status, early.body.error.code, early.body.error.field]).toEqual([
      400,
      "FLEET_DOCUMENT_INVALID",
      "expiresOn",
    ])
    const refused = await upload(
      admin,
      {
        entityType: "vehicle",
        entityId: vehicleA,
        kind: "insurance",
        issuedOn: "2025-02-01",
        expiresOn: "2025-01-01",
      },
      [{ name: "policy.pdf", bytes: PDF }],
    )
    expect([refused.status, refused.body.error?.code, refused.body.error?.field]).toEqual([
      400,
      "FLEET_DOCUMENT_UPLOAD_INVALID",
      "expiresOn",
    ])
    const audited = await h.fleet.db.system.query<{ new_values: { number: string } }>(
      "SELECT new_values FROM audit_log WHERE action = 'document.update' AND entity_id = $1",
      [doc.id],
    )
    expect(audited.rows[0]?.new_values.number).toBe("DL-987654321")
  })

  it("makes one photo the vehicle's cover, and lists covers for the card view", async () => {
    const [first, second] = (
      await upload(admin, { entityType: "vehicle", entityId: vehicleB, kind: "photo" }, [
        { name: "1.png", bytes: await png(), type: "image/png" },
        { name: "2.png", bytes: await png(), type: "image/png" },
      ])
    ).body.items as Array<Doc>
    expect((await admin.call<Doc>("PUT", `/api/v1/documents/${first?.id}/cover`)).body.cover).toBe(true)
    expect((await admin.call<Doc>("PUT", `/api/v1/documents/${second?.id}/cover`)).body.cover).toBe(true)
    expect((await admin.call<Doc>("GET", `/api/v1/documents/${first?.id}`)).body.cover).toBe(false)
    const covers = await admin.call<{ items: Array<{ vehicleId: string; documentId: string }> }>(
      "GET",
      "/api/v1/vehicle-covers",
    )
    expect(covers.body.items.find((c) => c.vehicleId === vehicleB)?.documentId).toBe(second?.id)
    const pdf = (
      await upload(admin, { entityType: "vehicle", entityId: vehicleB, kind: "photo" }, [
        { name: "p.pdf", bytes: PDF },
      ])
    ).body.items?.[0] as Doc
    const refused = await admin.call<{ error: { code: string } }>("PUT", `/api/v1/documents/${pdf.id}/cover`)
    expect([refused.status, refused.body.error.code]).toEqual([409, "FLEET_DOCUMENT_NOT_A_PHOTO"])
  })
})
