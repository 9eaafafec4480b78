import { randomUUID } from "node:crypto"
import type { OrgId, UserId } from "@fleetcore/proto"
import { SignJWT } from "jose"
import { describe, expect, it, vi } from "vitest"
import { makeTokens } from "./Tokens.js"

const secret = new TextEncoder().encode("a-test-signing-key-of-at-least-32-bytes!")
const tokens = makeTokens({ secret, accessTtlS: 900, refreshTtlS: 3600 })
const userId = randomUUID() as UserId
const orgId = randomUUID() as OrgId

/** A token signed with the right key, carrying exactly the given claims. */
const forge = (claims: Record<string, unknown>, exp: boolean) => {
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuer("fleetcore")
    .setAudience("fleetcore-api")
    .setIssuedAt()
  if (exp) jwt = jwt.setExpirationTime("10m")
  return jwt.sign(secret)
}

describe("access tokens", () => {
  it("accept a token FleetCore signed", async () => {
    const token = await tokens.signAccess({ userId, orgId, role: "admin" })
    const verified = await tokens.verifyAccess(token)
    expect(verified).toMatchObject({ ok: true, principal: { userId, orgId, role: "admin" } })
  })

  it("still refuse a token once it expires, after it was verified while valid", async () => {
    vi.useFakeTimers({ toFake: ["Date"] })
    try {
      const short = makeTokens({ secret, accessTtlS: 60, refreshTtlS: 3600 })
      const token = await short.signAccess({ userId, orgId, role: "viewer" })
      expect(await short.verifyAccess(token)).toMatchObject({ ok: true })
      expect(await short.verifyAccess(token)).toMatchObject({ ok: true, principal: { role: "viewer" } })
      vi.advanceTimersByTime(61_000)
      expect(await short.verifyAccess(token)).toEqual({ ok: false, expired: true })
      // A token with one character changed is another token: verified, and refused.
      const forged = `${token.slice(0, -2)}${token.endsWith("A") ? "B" : "A"}${token.slice(-1)}`
      expect((await tokens.verifyAccess(forged)).ok).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it("refuse a correctly signed token without exp", async () => {
    const token = await forge({ org: orgId, role: "admin" }, false)
    expect(await tokens.verifyAccess(token)).toEqual({ ok: false, expired: false })
  })

  it("refuse a token whose org claim is not a UUID, or whose role is unknown", async () => {
    expect(await tokens.verifyAccess(await forge({ org: "not-a-uuid", role: "admin" }, true))).toEqual({
      ok: false,
      expired: false,
    })
    expect(await tokens.verifyAccess(await forge({ org: orgId, role: "root" }, true))).toEqual({
      ok: false,
      expired: false,
    })
  })
})

describe("session claims", () => {
  it("carry the home organisation, language and login; a token without them acts at home", async () => {
    const homeOrgId = randomUUID() as OrgId
    const sessionId = randomUUID()
    const switched = await tokens.verifyAccess(
      await tokens.signAccess({ userId, orgId, role: "owner", homeOrgId, locale: "kk", sessionId }),
    )
    expect(switched).toMatchObject({ ok: true, principal: { orgId, homeOrgId, locale: "kk", sessionId } })
    const plain = await tokens.verifyAccess(await tokens.signAccess({ userId, orgId, role: "admin" }))
    expect(plain).toMatchObject({
      ok: true,
      principal: { orgId, homeOrgId: orgId, locale: null, sessionId: null },
    })
    expect(await tokens.verifyAccess(await forge({ org: orgId, role: "admin", lng: "de" }, true))).toEqual({
      ok: false,
      expired: false,
    })
  })

  it("bind the CSRF token to the login and to the key", () => {
    const sessionId = randomUUID()
    const csrf = tokens.csrfToken(sessionId)
    expect(tokens.csrfMatches(sessionId, csrf)).toBe(true)
    expect(tokens.csrfMatches(randomUUID(), csrf)).toBe(false)
    expect(tokens.csrfMatches(null, csrf)).toBe(false)
    expect(tokens.csrfMatches(sessionId, undefined)).toBe(false)
    expect(tokens.csrfMatches(sessionId, `${csrf}x`)).toBe(false)
    const other = makeTokens({
      secret: new TextEncoder().encode("another-signing-key-of-32-bytes-or-more"),
      accessTtlS: 1,
      refreshTtlS: 1,
    })
    expect(other.csrfToken(sessionId)).not.toBe(csrf)
    expect(tokens.deriveKey("csrf").equals(tokens.deriveKey("totp secret"))).toBe(false)
  })
})
