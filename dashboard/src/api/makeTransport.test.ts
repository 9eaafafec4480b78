import { describe, expect, it } from "vitest"
import { ApiError } from "./ApiError"
import { cookieValue, makeTransport } from "./makeTransport"

interface Seen {
  readonly url: string
  readonly method: string
  readonly headers: Record<string, string>
  readonly credentials: RequestCredentials | undefined
}

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  })

/** A fake server: answers from `answer`, records what the transport sent. */
const fakeFetch = (answer: (url: string, call: number) => Response) => {
  const seen: Seen[] = []
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    seen.push({
      url,
      method: init?.method ?? "GET",
      headers: (init?.headers ?? {}) as Record<string, string>,
      credentials: init?.credentials,
    })
    return answer(url, seen.filter((s) => s.url === url).length)
  }
  return { seen, fetch: fetchFn as typeof fetch }
}

describe("makeTransport", () => {
  it("reads one cookie among several", () => {
    expect(cookieValue("a=1; fleet_csrf=x%2By; b=2", "fleet_csrf")).toBe("x+y")
    expect(cookieValue("a=1", "fleet_csrf")).toBeNull()
  })

  it("sends the CSRF cookie's value on unsafe methods only, with same-origin credentials", async () => {
    const server = fakeFetch(() => json(200, { ok: true }))
    const transport = makeTransport({ fetch: server.fetch, cookies: () => "fleet_csrf=tok123" })
    await transport.send({ method: "GET", url: "/api/v1/me", body: undefined })
    await transport.send({ method: "PATCH", url: "/api/v1/me", body: { theme: "dark" } })
    await transport.send({ method: "DELETE", url: "/api/v1/x", body: undefined })
    expect(server.seen.map((s) => s.headers["x-fleet-csrf"])).toEqual([undefined, "tok123", "tok123"])
    expect(server.seen.every((s) => s.credentials === "same-origin")).toBe(true)
  })

  it("refreshes once on an expired token and retries the call", async () => {
    let csrf = "old"
    const server = fakeFetch((url, call) => {
      if (url === "/api/v1/auth/refresh") {
        csrf = "new"
        return json(200, { csrfToken: "new" })
      }
      return call === 1
        ? json(401, { error: { code: "FLEET_AUTH_TOKEN_EXPIRED", message: "expired" } })
        : json(200, { n: call })
    })
    const transport = makeTransport({ fetch: server.fetch, cookies: () => `fleet_csrf=${csrf}` })
    await expect(transport.send({ method: "POST", url: "/api/v1/things", body: {} })).resolves.toEqual({
      n: 2,
    })
    expect(server.seen.map((s) => [s.url, s.headers["x-fleet-csrf"]])).toEqual([
      ["/api/v1/things", "old"],
      ["/api/v1/auth/refresh", "old"],
      ["/api/v1/things", "new"],
    ])
  })

  it("shares one refresh between concurrent calls", async () => {
    let refreshed = false
    const server = fakeFetch((url) => {
      if (url === "/api/v1/auth/refresh") {
        refreshed = true
        return json(200, {})
      }
      return refreshed
        ? json(200, {})
        : json(401, { error: { code: "FLEET_AUTH_TOKEN_EXPIRED", message: "" } })
    })
    const transport = makeTransport({ fetch: server.fetch, cookies: () => "" })
    await Promise.all(
      [1, 2, 3].map((i) => transport.send({ method: "GET", url: `/api/v1/a${i}`, body: undefined })),
    )
    expect(server.seen.filter((s) => s.url === "/api/v1/auth/refresh")).toHaveLength(1)
  })

  it("reports a lost session when the refresh is refused, and fails the call", async () => {
    let lost = 0
    const server = fakeFetch((url) =>
      url === "/api/v1/auth/refresh"
        ? json(401, { error: { code: "FLEET_AUTH_REFRESH_INVALID", message: "gone" } })
        : json(401, { error: { code: "FLEET_AUTH_TOKEN_EXPIRED", message: "expired" } }),
    )
    const transport = makeTransport({
      fetch: server.fetch,
      cookies: () => "",
      onSessionLost: () => (lost += 1),
    })
    const error = await transport
      .send({ method: "GET", url: "/api/v1/me", body: undefined })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe("FLEET_AUTH_REFRESH_INVALID")
    expect(lost).toBe(1)
  })

  it("does not refresh for other errors, and keeps the server's code and field", async () => {
    const server = fakeFetch(() =>
      json(400, { error: { code: "FLEET_BODY_INVALID", message: "bad", field: "phone" } }),
    )
    const transport = makeTransport({ fetch: server.fetch, cookies: () => "" })
    const error = (await transport
      .send({ method: "PATCH", url: "/api/v1/me", body: {} })
      .catch((e: unknown) => e)) as ApiError
    expect([error.status, error.code, error.field, error.message]).toEqual([
      400,
      "FLEET_BODY_INVALID",
      "phone",
      "bad",
    ])
    expect(server.seen).toHaveLength(1)
  })

  it("skips the refresh when another tab already rotated the session", async () => {
    let csrf = "old"
    const server = fakeFetch((url, call) =>
      url === "/api/v1/auth/refresh"
        ? json(200, {})
        : call === 1
          ? json(401, { error: { code: "FLEET_AUTH_TOKEN_EXPIRED", message: "" } })
          : json(200, {}),
    )
    // The lock is held by another tab, which rotates the cookie before we get it.
    const exclusive = async <T>(run: () => Promise<T>) => {
      csrf = "rotated-by-other-tab"
      return run()
    }
    const transport = makeTransport({ fetch: server.fetch, cookies: () => `fleet_csrf=${csrf}`, exclusive })
    await transport.send({ method: "GET", url: "/api/v1/me", body: undefined })
    expect(server.seen.map((s) => s.url)).toEqual(["/api/v1/me", "/api/v1/me"])
  })

  it("turns a network failure into FLEET_CLIENT_NETWORK", async () => {
    const failing = (async () => {
      throw new TypeError("Failed to fetch")
    }) as typeof fetch
    const transport = makeTransport({ fetch: failing, cookies: () => "" })
    const error = (await transport
      .send({ method: "GET", url: "/api/v1/me", body: undefined })
      .catch((e: unknown) => e)) as ApiError
    expect([error.status, error.code]).toEqual([0, "FLEET_CLIENT_NETWORK"])
  })
})
