import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeLog } from "@fleetcore/platform"
import uws from "@trufflesuite/uws-js-unofficial"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { registerStaticFiles } from "./StaticFiles.js"

let root = ""
let socket: uws.us_listen_socket
let base = ""

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "fleetcore-static-"))
  await mkdir(join(root, "assets"))
  await writeFile(join(root, "index.html"), "<!doctype html><title>FleetCore</title>")
  await writeFile(join(root, "assets", "app-3f2a.js"), "console.log(1)")
  await writeFile(join(root, "favicon.ico"), "icon")
  const app = uws.App()
  registerStaticFiles(app, root, makeLog("silent"))
  socket = await new Promise<uws.us_listen_socket>((ok, fail) =>
    app.listen("127.0.0.1", 0, (s) => (s ? ok(s) : fail(new Error("cannot listen")))),
  )
  base = `http://127.0.0.1:${uws.us_socket_local_port(socket as unknown as uws.us_socket)}`
})
afterAll(async () => {
  uws.us_listen_socket_close(socket)
  await rm(root, { recursive: true, force: true })
})

const get = async (path: string) => {
  const r = await fetch(`${base}${path}`)
  return { status: r.status, text: await r.text(), cache: r.headers.get("cache-control") }
}

describe("static files", () => {
  it("serves the dashboard's files, hashed assets as immutable", async () => {
    expect(await get("/")).toMatchObject({ status: 200, text: expect.stringContaining("FleetCore") })
    expect(await get("/assets/app-3f2a.js")).toMatchObject({
      status: 200,
      text: "console.log(1)",
      cache: "public, max-age=31536000, immutable",
    })
    expect(await get("/favicon.ico")).toMatchObject({ status: 200, cache: "no-cache" })
  })

  it("never answers a server path with the dashboard: probes, API clients and devices get a 404", async () => {
    for (const path of ["/readyz/", "/healthz/", "/api/v2/vehicles", "/metrics/x", "/ingest/v1/telemetry"]) {
      const r = await get(path)
      expect(r.status, path).toBe(404)
      expect(r.text, path).toContain("FLEET_NOT_FOUND")
    }
    expect((await get("/apiary")).status).toBe(200)
    expect((await get("/live")).status).toBe(200)
  })

  it("falls back to index.html for SPA pages and answers 404 for unknown assets", async () => {
    expect(await get("/vehicles/123")).toMatchObject({
      status: 200,
      text: expect.stringContaining("FleetCore"),
    })
    expect((await get("/assets/missing-1234.js")).status).toBe(404)
    expect((await get("/../../etc/passwd.txt")).status).toBe(404)
  })

  it("answers a malformed percent-encoded path with 404 and keeps serving", async () => {
    expect((await get("/%E0%A4%A")).status).toBe(404)
    expect((await get("/assets/%E0%A4%A.js")).status).toBe(404)
    expect((await get("/")).status).toBe(200)
  })

  it("serves from the manifest made at start-up: requests never read or cache the file system", async () => {
    await writeFile(join(root, "assets", "late-9999.js"), "added after start")
    expect((await get("/assets/late-9999.js")).status).toBe(404)
  })
})
