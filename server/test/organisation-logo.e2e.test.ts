import { readdir } from "node:fs/promises"
import { join } from "node:path"
import { simpleParser } from "mailparser"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  createUser,
  eventually,
  type Harness,
  login,
  startHarness,
} from "./harness.js"
import { startSmtpServer } from "./notifications/channelServers.js"

/**
 * The organisation's logo: its admin uploads a PNG or JPEG (checked by content, at most 1 MB,
 * shrunk and stored as PNG), every user of the organisation reads it, and every PDF the
 * organisation exports (lists and reports) draws it at the top; another organisation's do not.
 */
const PASSWORD = "organisation-logo-password"
const SMTP = { user: "logo-mailer", password: "smtp-logo-7d21" }

let h: Harness
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let admin: ApiClient
let manager: ApiClient
let viewer: ApiClient
let other: ApiClient
let orgId = ""

const image = (width: number, height: number, format: "png" | "jpeg") =>
  sharp({ create: { width, height, channels: 3, background: { r: 20, g: 90, b: 200 } } })
    [format]()
    .toBuffer()

const upload = async (api: ApiClient, bytes: Buffer | null, name = "logo.png") => {
  const form = new FormData()
  if (bytes !== null) form.append("file", new Blob([bytes], { type: "image/png" }), name)
  else form.append("note", "no file")
  const r = await fetch(`${h.fleet.httpUrl}/api/v1/organisation/logo`, {
    method: "PUT",
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  })
  const text = await r.text()
  return { status: r.status, body: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : {} }
}
const get = async (api: ApiClient, path: string) => {
  const r = await fetch(`${h.fleet.httpUrl}${path}`, { headers: { authorization: `Bearer ${api.token}` } })
  return {
    status: r.status,
    type: r.headers.get("content-type") ?? "",
    bytes: Buffer.from(await r.arrayBuffer()),
  }
}
const codeOf = (body: Record<string, unknown>) => (body.error as { code?: string } | undefined)?.code
/** The logo files in the documents folder. */
const storedLogos = async (): Promise<Array<string>> =>
  (await readdir(join(h.dataDir, "documents"), { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith(".png"))
    .map((e) => e.name)

/** Whether a PDF's objects include an image XObject (the logo: the tables draw none). */
const hasImage = (pdf: Buffer) => /\/Subtype\s*\/Image/u.test(pdf.toString("latin1"))

beforeAll(async () => {
  smtp = await startSmtpServer(SMTP)
  h = await startHarness()
  const a = await createOrg(h.fleet, "logo-a", PASSWORD)
  orgId = a.orgId
  admin = await login(h.fleet, a.email, PASSWORD)
  await createUser(h.fleet, orgId, "manager", "manager@logo-a.example", PASSWORD)
  manager = await login(h.fleet, "manager@logo-a.example", PASSWORD)
  await createUser(h.fleet, orgId, "viewer", "viewer@logo-a.example", PASSWORD)
  viewer = await login(h.fleet, "viewer@logo-a.example", PASSWORD)
  other = await login(h.fleet, (await createOrg(h.fleet, "logo-b", PASSWORD)).email, PASSWORD)
  expect(
    (await admin.call("POST", "/api/v1/vehicles", { name: "Лого-фургон", plate: "LOGO 1" })).status,
  ).toBe(201)
})
afterAll(async () => {
  await h?.close()
  await smtp?.close()
})

describe("organisation logo", () => {
  it("refuses what is not a PNG or JPEG under 1 MB, with a precise code, and a manager", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    )
    const refusals: Array<[Buffer | null, number, string]> = [
      [svg, 415, "FLEET_LOGO_TYPE_REFUSED"],
      [Buffer.from("MZ this is an executable named logo.png"), 415, "FLEET_LOGO_TYPE_REFUSED"],
      // A PNG's signature on bytes that do not decode.
      [
        Buffer.concat([(await image(10, 10, "png")).subarray(0, 40), Buffer.alloc(200)]),
        415,
        "FLEET_LOGO_TYPE_REFUSED",
      ],
      [Buffer.concat([await image(10, 10, "png"), Buffer.alloc(1024 * 1024)]), 413, "FLEET_LOGO_TOO_LARGE"],
      [null, 400, "FLEET_LOGO_INVALID"],
    ]
    for (const [bytes, status, code] of refusals) {
      const r = await upload(admin, bytes)
      expect({ status: r.status, code: codeOf(r.body) }).toEqual({ status, code })
    }
    expect((await upload(manager, await image(100, 40, "png"))).status).toBe(403)
    expect((await get(viewer, "/api/v1/organisation/logo")).status).toBe(404)
    const pdf = await get(admin, "/api/v1/vehicles/export?format=pdf")
    expect(pdf.status).toBe(200)
    expect(hasImage(pdf.bytes)).toBe(false)
  })

  it("stores a JPEG shrunk into 600 × 240 as PNG, for every user of the organisation only; audited", async () => {
    const r = await upload(admin, await image(1200, 300, "jpeg"), "логотип.jpg")
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ width: 600, height: 150 })
    expect(String(r.body.url)).toMatch(/^\/api\/v1\/organisation\/logo\?v=\d+$/u)
    const org = await viewer.call<{ logoUrl: string | null }>("GET", "/api/v1/organisation")
    expect(org.body.logoUrl).toBe(r.body.url)
    const logo = await get(viewer, String(r.body.url))
    expect(logo.status).toBe(200)
    expect(logo.type).toBe("image/png")
    expect(await sharp(logo.bytes).metadata()).toMatchObject({ format: "png", width: 600, height: 150 })
    expect((await get(other, "/api/v1/organisation/logo")).status).toBe(404)
    expect(
      (await other.call<{ logoUrl: string | null }>("GET", "/api/v1/organisation")).body.logoUrl,
    ).toBeNull()
    const audited = await h.fleet.db.system.query<{ action: string; new_values: { width: number } }>(
      "SELECT action, new_values FROM audit_log WHERE org_id = $1 AND entity = 'organisation_logo'",
      [orgId],
    )
    expect(audited.rows).toMatchObject([{ action: "update", new_values: { width: 600 } }])
  })

  it("is drawn at the top of list exports' and reports' PDFs, not another organisation's", async () => {
    const list = await get(viewer, "/api/v1/vehicles/export?format=pdf")
    expect(list.type).toBe("application/pdf")
    expect(hasImage(list.bytes)).toBe(true)
    const report = await get(
      admin,
      "/api/v1/reports/expenses/export?format=pdf&period=custom&from=2025-01-01&to=2025-01-31",
    )
    expect(report.status).toBe(200)
    expect(hasImage(report.bytes)).toBe(true)
    const foreign = await get(other, "/api/v1/vehicles/export?format=pdf")
    expect(foreign.status).toBe(200)
    expect(hasImage(foreign.bytes)).toBe(false)
  })

  it("heads a scheduled report's PDF too (run now, through the server's runner, e-mailed)", async () => {
    const settings = await admin.call("PUT", "/api/v1/notification-settings", {
      emailEnabled: true,
      smtpHost: "127.0.0.1",
      smtpPort: smtp.port,
      smtpSecure: false,
      smtpUser: SMTP.user,
      smtpPassword: SMTP.password,
      smtpFrom: "reports@logo.example.com",
    })
    expect(settings.status).toBe(200)
    const created = await admin.call<{ id: string }>("POST", "/api/v1/report-schedules", {
      name: "Costs with the logo",
      report: "tco",
      period: "thisMonth",
      formats: ["pdf"],
      recipients: ["board@logo.example.com"],
      language: "ru",
      frequency: "daily",
      hour: 6,
    })
    expect(created.status).toBe(201)
    expect((await admin.call("POST", `/api/v1/report-schedules/${created.body.id}/run`)).status).toBe(202)
    const raw = await eventually(
      async () => smtp.mails.find((m) => m.raw.includes("board@logo.example.com"))?.raw,
      20_000,
      "the scheduled report e-mailed",
    )
    const pdf = (await simpleParser(raw)).attachments.find((f) => f.contentType === "application/pdf")
    expect(pdf?.content.subarray(0, 5).toString()).toBe("%PDF-")
    expect(hasImage(pdf?.content ?? Buffer.alloc(0))).toBe(true)
  })

  it("a new upload replaces the old (its bytes removed from the store); removing it leaves PDFs without", async () => {
    expect(await storedLogos()).toHaveLength(1)
    const r = await upload(admin, await image(200, 80, "png"))
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ width: 200, height: 80 })
    const key = await h.fleet.db.system.query<{ logo_key: string }>(
      "SELECT logo_key FROM organisations WHERE id = $1",
      [orgId],
    )
    expect(await storedLogos()).toEqual([key.rows[0]?.logo_key.split("/").at(-1)])
    expect((await admin.call("DELETE", "/api/v1/organisation/logo")).status).toBe(204)
    expect((await get(viewer, "/api/v1/organisation/logo")).status).toBe(404)
    expect(hasImage((await get(viewer, "/api/v1/vehicles/export?format=pdf")).bytes)).toBe(false)
    expect(await storedLogos()).toEqual([])
    const again = await admin.call<Record<string, unknown>>("DELETE", "/api/v1/organisation/logo")
    expect({ status: again.status, code: codeOf(again.body) }).toEqual({
      status: 404,
      code: "FLEET_LOGO_NOT_FOUND",
    })
  })
})
