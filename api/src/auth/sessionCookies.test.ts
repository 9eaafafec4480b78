import { describe, expect, it } from "vitest"
import { clearedSessionCookies, parseCookies, sessionCookies } from "./sessionCookies.js"

describe("session cookies", () => {
  it("parses a Cookie header; the first of a repeated name wins", () => {
    const cookies = parseCookies(' fleet_session=abc.def ; other="quoted"; fleet_session=later; broken; =x')
    expect([...cookies]).toEqual([
      ["fleet_session", "abc.def"],
      ["other", "quoted"],
    ])
    expect(parseCookies(undefined).size).toBe(0)
  })

  it("makes the three cookies with their paths; only the CSRF one is readable by scripts", () => {
    const [session, refresh, csrf] = sessionCookies(
      { accessToken: "a", refreshToken: "r", csrfToken: "c" },
      3600,
      { secure: true },
    )
    expect(session).toBe("fleet_session=a; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Strict")
    expect(refresh).toBe(
      "fleet_refresh=r; Max-Age=3600; Path=/api/v1/auth; HttpOnly; Secure; SameSite=Strict",
    )
    expect(csrf).toBe("fleet_csrf=c; Max-Age=3600; Path=/; Secure; SameSite=Strict")
  })

  it("leaves Secure off only when told, and clears with Max-Age=0 on the same paths", () => {
    const cleared = clearedSessionCookies({ secure: false })
    expect(cleared).toEqual([
      "fleet_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict",
      "fleet_refresh=; Max-Age=0; Path=/api/v1/auth; HttpOnly; SameSite=Strict",
      "fleet_csrf=; Max-Age=0; Path=/; SameSite=Strict",
    ])
  })
})
