import type { CentreDetail } from "@fleetcore/contract"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createUser, demoOrgId, type Harness, login, startHarness } from "./harness.js"

/**
 * The moderators read a centre's verification documents (issue 16): they live in the centre's
 * organisation, so the moderators have their own route, which answers only a document the centre
 * attached to itself, and only to a moderator.
 */
const PASSWORD = "moderation-documents-password"

let h: Harness
let moderator: ApiClient
let owner: ApiClient
let otherOwner: ApiClient
let centreId = ""
let otherCentreId = ""
let scan = Buffer.alloc(0)

const register = async (name: string, email: string) => {
  const res = await fetch(`${h.fleet.httpUrl}/api/v1/centres/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name,
      country: "KZ",
      address: "Almaty, Abay 10",
      phone: "+77010000002",
      taxId: `99${Math.floor(Math.random() * 1e8)}`,
      ownerName: "Centre Owner",
      email,
      password: PASSWORD,
    }),
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { centre: { id: string } }).centre.id
}

const upload = async (api: ApiClient, entityId: string, bytes: Buffer) => {
  const form = new FormData()
  form.append("entityType", "service_centre")
  form.append("entityId", entityId)
  form.append("kind", "scan")
  form.append("files", new Blob([bytes], { type: "image/png" }), "licence.png")
  const res = await fetch(`${h.fleet.httpUrl}/api/v1/documents`, {
    method: "POST",
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  })
  expect(res.status).toBe(201)
}

const get = (api: ApiClient, path: string) =>
  fetch(`${h.fleet.httpUrl}${path}`, { headers: { authorization: `Bearer ${api.token}` } })

beforeAll(async () => {
  h = await startHarness()
  await createUser(h.fleet, await demoOrgId(h.fleet), "moderator", "moderator@docs.example", PASSWORD)
  moderator = await login(h.fleet, "moderator@docs.example", PASSWORD)
  centreId = await register("Abay Motors", "owner@abay.example")
  otherCentreId = await register("Dostyk Service", "owner@dostyk.example")
  owner = await login(h.fleet, "owner@abay.example", PASSWORD)
  otherOwner = await login(h.fleet, "owner@dostyk.example", PASSWORD)
  scan = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#d0d8e0" } })
    .png()
    .toBuffer()
  await upload(owner, centreId, scan)
  await upload(otherOwner, otherCentreId, scan)
})
afterAll(async () => {
  await h?.close()
})

describe("a centre's documents for the moderators", () => {
  it("open through the moderators' route with their bytes", async () => {
    const centre = (
      await moderator.call<typeof CentreDetail.Encoded>("GET", `/api/v1/moderation/centres/${centreId}`)
    ).body
    expect(centre.documents).toHaveLength(1)
    const url = centre.documents[0]?.downloadUrl ?? ""
    expect(url).toBe(`/api/v1/moderation/centres/${centreId}/documents/${centre.documents[0]?.id}`)
    const answer = await get(moderator, `${url}?inline=true`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toBe("image/png")
    expect(answer.headers.get("content-disposition")).toMatch(/^inline/u)
    expect(Buffer.from(await answer.arrayBuffer()).equals(scan)).toBe(true)
  })

  it("answer 404 for another centre's document, and 403 to anyone but a moderator", async () => {
    const mine = (
      await moderator.call<typeof CentreDetail.Encoded>("GET", `/api/v1/moderation/centres/${centreId}`)
    ).body.documents[0]?.id
    const theirs = (
      await moderator.call<typeof CentreDetail.Encoded>("GET", `/api/v1/moderation/centres/${otherCentreId}`)
    ).body.documents[0]?.id
    expect((await get(moderator, `/api/v1/moderation/centres/${centreId}/documents/${theirs}`)).status).toBe(
      404,
    )
    expect(
      (await get(moderator, `/api/v1/moderation/centres/${otherCentreId}/documents/${mine}`)).status,
    ).toBe(404)
    const owners = await get(owner, `/api/v1/moderation/centres/${centreId}/documents/${mine}`)
    expect(owners.status).toBe(403)
    // The centre itself reads it through the ordinary route, in its own organisation.
    expect((await get(owner, `/api/v1/documents/${mine}/content`)).status).toBe(200)
    expect((await get(otherOwner, `/api/v1/documents/${mine}/content`)).status).toBe(404)
  })
})
