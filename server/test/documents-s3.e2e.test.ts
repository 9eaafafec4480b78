import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3"
import { type DocumentStore, makeS3DocumentStore } from "@fleetcore/platform"
import S3rver from "s3rver"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

/**
 * The S3 document store against a real S3-compatible server: s3rver (npm, a devDependency) on a
 * free loopback port with its data in a temporary folder, path-style, as FleetCore runs against
 * MinIO or another S3-compatible service with `FLEET_DOCUMENTS_S3_*`.
 */
const BUCKET = "fleetcore-documents"
let server: S3rver
let folder = ""
let endpoint = ""
let store: DocumentStore & { close: () => void }
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "fleetcore-s3-"))
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: folder })
  const { port } = await server.run()
  endpoint = `http://127.0.0.1:${port}`
  const admin = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials })
  await admin.send(new CreateBucketCommand({ Bucket: BUCKET }))
  admin.destroy()
  store = makeS3DocumentStore({
    bucket: BUCKET,
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials,
  })
})
afterAll(async () => {
  store?.close()
  await server?.close()
  if (folder !== "") await rm(folder, { recursive: true, force: true })
})

const text = async (body: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks)
}

describe("S3 document store", () => {
  it("puts, gets, presigns a download and deletes", async () => {
    const key = "0b9f3c1e-0000-4000-8000-000000000001/7d0c8d5e-0000-4000-8000-000000000002"
    const bytes = Buffer.from("%PDF-1.4\n% a document\n%%EOF\n")
    await store.put(key, bytes, "application/pdf")

    const found = await store.get(key)
    expect(found?.size).toBe(bytes.length)
    expect((await text(found?.body as NodeJS.ReadableStream)).equals(bytes)).toBe(true)

    const url = await store.presignedUrl(key, {
      contentDisposition: `attachment; filename="policy.pdf"`,
      contentType: "application/pdf",
      expiresInS: 60,
    })
    expect(url).toMatch(new RegExp(`^${endpoint}/${BUCKET}/`, "u"))
    expect(url).toContain("X-Amz-Signature=")
    const res = await fetch(url as string)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("application/pdf")
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="policy.pdf"`)
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)

    await store.delete(key)
    expect(await store.get(key)).toBeNull()
    expect((await fetch(url as string)).status).toBe(404)
    // Deleting what is gone is not an error.
    await store.delete(key)
  })

  it("refuses keys that are not its own shape before calling S3", async () => {
    await expect(store.put("../etc/passwd", Buffer.from("x"), "text/plain")).rejects.toThrow(
      /not a storage key/u,
    )
    await expect(store.get("a/../../b")).rejects.toThrow(/not a storage key/u)
  })
})
