import { readdir } from "node:fs/promises"
import { MAX_OCR_BYTES, type OcrSuggestions } from "@fleetcore/contract"
import { type OcrSample, rankOfExpected, renderOcrSample } from "@fleetcore/load-tests/ocr"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  type Harness,
  login,
  startHarness,
} from "./harness.js"

/**
 * OCR suggestions through the API: photos rendered by bench:ocr's generator (seeds of its set
 * that the bench reads right) come back with the right value in the top 3, nothing in the
 * database or the documents store changes, and a photo that cannot be read gets a precise 4xx.
 */
const PASSWORD = "ocr-suggestions-password"

let h: Harness
let admin: ApiClient
let driver: ApiClient
let viewer: ApiClient

interface Answer {
  readonly status: number
  readonly body: Partial<OcrSuggestions> & { error?: { code?: string; message?: string } }
}

const suggest = async (
  api: ApiClient,
  kind: string,
  bytes: Buffer | null,
  type = "image/jpeg",
): Promise<Answer> => {
  const form = new FormData()
  if (bytes !== null) form.append("file", new Blob([bytes], { type }), "photo.jpg")
  else form.append("note", "no file")
  const r = await fetch(`${h.fleet.httpUrl}/api/v1/ocr/suggestions?kind=${kind}`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  })
  return { status: r.status, body: (await r.json()) as Answer["body"] }
}

/** What a suggestion must leave as it was: the records it could fill, the audit log, the stored files. */
const snapshot = async () => {
  const q = async (sql: string) => (await h.fleet.db.system.query<{ v: string }>(sql)).rows[0]?.v
  return {
    vehicles: await q(
      "SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v.id), '')) AS v FROM vehicles v",
    ),
    fuel: await q("SELECT count(*)::text AS v FROM fuel_entries"),
    odometer: await q("SELECT count(*)::text AS v FROM odometer_readings"),
    expenses: await q("SELECT count(*)::text AS v FROM expenses"),
    documents: await q("SELECT count(*)::text AS v FROM documents"),
    audit: await q("SELECT count(*)::text AS v FROM audit_log"),
    files: (await readdir(h.dataDir, { recursive: true })).length,
  }
}

let plate: OcrSample
let odometer: OcrSample

beforeAll(async () => {
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  const orgId = await demoOrgId(h.fleet)
  await createUser(h.fleet, orgId, "driver", "driver@ocr.example", PASSWORD)
  await createUser(h.fleet, orgId, "viewer", "viewer@ocr.example", PASSWORD)
  driver = await login(h.fleet, "driver@ocr.example", PASSWORD)
  viewer = await login(h.fleet, "viewer@ocr.example", PASSWORD)
  plate = await renderOcrSample("plate", 100_000)
  odometer = await renderOcrSample("odometer", 120_001)
})
afterAll(async () => {
  await h?.close()
})

describe("OCR suggestions", () => {
  it("suggests the plate and the odometer reading within the top 3, and writes nothing", async () => {
    const before = await snapshot()
    const plateRead = await suggest(admin, "plate", plate.jpeg)
    expect(plateRead.status, JSON.stringify(plateRead.body)).toBe(200)
    expect(plateRead.body.kind).toBe("plate")
    const plateRank = rankOfExpected(plateRead.body.candidates ?? [], plate.expected).plate
    expect(plateRank, JSON.stringify(plateRead.body)).not.toBeNull()
    expect(plateRank as number).toBeLessThan(3)
    for (const c of plateRead.body.candidates ?? []) {
      expect(c.confidence).toBeGreaterThanOrEqual(0)
      expect(c.confidence).toBeLessThanOrEqual(1)
    }

    // A driver records odometer readings, so may have one read.
    const odometerRead = await suggest(driver, "odometer", odometer.jpeg)
    expect(odometerRead.status, JSON.stringify(odometerRead.body)).toBe(200)
    const odometerRank = rankOfExpected(odometerRead.body.candidates ?? [], odometer.expected).odometer
    expect(odometerRank, JSON.stringify(odometerRead.body)).not.toBeNull()
    expect(odometerRank as number).toBeLessThan(3)

    expect(await snapshot()).toEqual(before)
  })

  it("refuses a viewer, who records nothing", async () => {
    const r = await suggest(viewer, "plate", plate.jpeg)
    expect(r.status).toBe(403)
    expect(r.body.error?.code).toBe("FLEET_FORBIDDEN")
  })

  it("answers a precise 4xx for a photo it will not read", async () => {
    const tooLarge = await suggest(admin, "plate", Buffer.concat([plate.jpeg, Buffer.alloc(MAX_OCR_BYTES)]))
    expect([tooLarge.status, tooLarge.body.error?.code]).toEqual([413, "FLEET_OCR_TOO_LARGE"])

    const text = await suggest(admin, "plate", Buffer.from("123 ABC 02, honestly"), "text/plain")
    expect([text.status, text.body.error?.code]).toEqual([415, "FLEET_OCR_TYPE_REFUSED"])

    // 5000 × 5000 = 25 million pixels in a few kilobytes of PNG: refused from its header.
    const bomb = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: "#ffffff" } })
      .png()
      .toBuffer()
    const pixels = await suggest(admin, "plate", bomb, "image/png")
    expect([pixels.status, pixels.body.error?.code]).toEqual([413, "FLEET_OCR_IMAGE_TOO_LARGE"])
    expect(pixels.body.error?.message).toContain("25000000")

    const noFile = await suggest(admin, "plate", null)
    expect([noFile.status, noFile.body.error?.code]).toEqual([400, "FLEET_OCR_INVALID"])

    const badKind = await suggest(admin, "passport", plate.jpeg)
    expect([badKind.status, badKind.body.error?.code]).toEqual([400, "FLEET_QUERY_INVALID"])
  })
})
