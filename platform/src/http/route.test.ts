import uws from "@trufflesuite/uws-js-unofficial"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeLog } from "../Log.js"
import { HttpError } from "./HttpError.js"
import { routesOf } from "./RouteTable.js"
import { type Handler, route } from "./route.js"

const log = makeLog("silent")
const app = uws.App()
let socket: uws.us_listen_socket
let base = ""

const throwsSynchronously: Handler = () => {
  throw new Error("thrown before any promise")
}

beforeAll(async () => {
  route(app, "get", "/items/:id", async (r) => ({ status: 200, body: { id: r.params[0] } }), { log })
  route(app, "get", "/told/:id", async (r) => ({ status: 200, body: { id: r.params[0] } }), {
    log,
    translate: (error, headers) =>
      error.withMessage(`[${headers.get("accept-language") ?? ""}] ${error.code}`, error.detail),
  })
  route(app, "get", "/sync-throw", throwsSynchronously, { log })
  route(app, "get", "/async-throw", async () => Promise.reject(new TypeError("boom")), { log })
  route(app, "get", "/unserialisable", async () => ({ status: 200, body: { n: 1n } }), { log })
  route(app, "post", "/known", async () => Promise.reject(new HttpError(409, "FLEET_X", "taken", "id")), {
    log,
  })
  socket = await new Promise<uws.us_listen_socket>((ok, fail) =>
    app.listen("127.0.0.1", 0, (s) => (s ? ok(s) : fail(new Error("cannot listen")))),
  )
  base = `http://127.0.0.1:${uws.us_socket_local_port(socket as unknown as uws.us_socket)}`
})
afterAll(() => uws.us_listen_socket_close(socket))

const get = async (path: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`${base}${path}`, { headers })
  return {
    status: r.status,
    body: (await r.json()) as { error?: { code: string; message?: string; field?: string; detail?: string } },
  }
}

describe("route", () => {
  it("answers a malformed percent-encoded path parameter with 400, naming it in field, not in the message", async () => {
    expect(await get("/items/%E0%A4%A")).toEqual({
      status: 400,
      body: {
        error: {
          code: "FLEET_PATH_INVALID",
          message: "This address is not valid: a part of it is not valid percent-encoding.",
          field: "id",
          detail: "a part of it is not valid percent-encoding",
        },
      },
    })
    const long = await get(`/items/${"a".repeat(300)}`)
    expect(long.body.error).toMatchObject({
      code: "FLEET_PATH_INVALID",
      message: "This address is not valid: a part of it is longer than 256 characters.",
      field: "id",
    })
    expect(await get("/items/caf%C3%A9")).toEqual({ status: 200, body: { id: "café" } })
  })

  it("answers its own refusals in the caller's words when the route translates them", async () => {
    expect(await get("/told/%E0%A4%A", { "accept-language": "ru" })).toEqual({
      status: 400,
      body: {
        error: {
          code: "FLEET_PATH_INVALID",
          message: "[ru] FLEET_PATH_INVALID",
          field: "id",
          detail: "a part of it is not valid percent-encoding",
        },
      },
    })
  })

  it("turns synchronous throws, rejections and unserialisable replies into a logged 500", async () => {
    for (const path of ["/sync-throw", "/async-throw", "/unserialisable"]) {
      expect(await get(path), path).toEqual({
        status: 500,
        body: { error: { code: "FLEET_INTERNAL", message: "internal error" } },
      })
    }
    expect((await get("/items/still-up")).status).toBe(200)
  })

  it("keeps HttpErrors' status, code and field", async () => {
    const r = await fetch(`${base}/known`, { method: "POST", body: "{}" })
    expect(r.status).toBe(409)
    expect(await r.json()).toMatchObject({ error: { code: "FLEET_X", field: "id" } })
  })

  it("records every route in the app's route table", () => {
    expect(routesOf(app).map((r) => `${r.method} ${r.pattern}`)).toEqual([
      "get /items/:id",
      "get /told/:id",
      "get /sync-throw",
      "get /async-throw",
      "get /unserialisable",
      "post /known",
    ])
  })
})
