import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto"
import { LOCALES } from "@fleetcore/contract"
import type { OrgId, UserId } from "@fleetcore/proto"
import { Option, Schema } from "effect"
import { errors, jwtVerify, SignJWT } from "jose"
import { type Principal, type PrincipalClaims, ROLES } from "./Principal.js"

const ISSUER = "fleetcore"
const MAX_VERIFIED_TOKENS = 10_000
const AUDIENCE = "fleetcore-api"

export interface TokenOptions {
  /** HMAC key for access tokens (HS256), at least 32 bytes. */
  readonly secret: Uint8Array
  readonly accessTtlS: number
  readonly refreshTtlS: number
}

/**
 * The claims an access token must carry; anything else (no `exp`, an `org` that is not a UUID) is
 * invalid. `hom` (home organisation), `lng` (language) and `sid` (the login it belongs to) are
 * optional: a token without them acts in its own organisation and cannot serve a browser session.
 */
const AccessClaims = Schema.Struct({
  sub: Schema.String.check(Schema.isUUID()),
  org: Schema.String.check(Schema.isUUID()),
  role: Schema.Literals(ROLES),
  hom: Schema.optionalKey(Schema.String.check(Schema.isUUID())),
  lng: Schema.optionalKey(Schema.Literals(LOCALES)),
  sid: Schema.optionalKey(Schema.String.check(Schema.isUUID())),
  exp: Schema.Number.check(Schema.isInt()),
  iat: Schema.Number.check(Schema.isInt()),
})
const decodeClaims = Schema.decodeUnknownOption(AccessClaims)

export type VerifyResult =
  | { readonly ok: true; readonly principal: Principal; readonly expiresAtMs: number }
  | { readonly ok: false; readonly expired: boolean }

/**
 * Short-lived signed access tokens (jose), opaque rotating refresh tokens, and the keys derived
 * from the same secret for other purposes (CSRF tokens, encrypted TOTP secrets), each its own
 * HKDF-SHA-256 derivation so no two purposes share a key.
 */
export const makeTokens = (options: TokenOptions) => {
  const deriveKey = (purpose: string): Buffer =>
    Buffer.from(hkdfSync("sha256", options.secret, Buffer.alloc(0), `fleetcore ${purpose}`, 32))
  const csrfKey = deriveKey("csrf")
  const csrfToken = (sessionId: string): string =>
    createHmac("sha256", csrfKey).update(sessionId).digest("base64url")
  // Access tokens already verified, until they expire: a signed token cannot change, and checking
  // its HMAC again on every request was the largest JavaScript cost of a list request after the
  // sockets. Bounded; the oldest entry goes first.
  const verified = new Map<string, { readonly principal: Principal; readonly expiresAtMs: number }>()
  const remember = (token: string, entry: { principal: Principal; expiresAtMs: number }) => {
    if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value as string)
    verified.set(token, entry)
  }

  return {
    accessTtlS: options.accessTtlS,
    refreshTtlS: options.refreshTtlS,
    deriveKey,

    signAccess: (p: PrincipalClaims): Promise<string> =>
      new SignJWT({
        org: p.orgId,
        role: p.role,
        ...(p.homeOrgId === undefined || p.homeOrgId === p.orgId ? {} : { hom: p.homeOrgId }),
        ...(p.locale === undefined || p.locale === null ? {} : { lng: p.locale }),
        ...(p.sessionId === undefined || p.sessionId === null ? {} : { sid: p.sessionId }),
      })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(p.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${options.accessTtlS}s`)
        .sign(options.secret),

    verifyAccess: async (token: string): Promise<VerifyResult> => {
      const known = verified.get(token)
      if (known !== undefined) {
        if (Date.now() < known.expiresAtMs) return { ok: true, ...known }
        verified.delete(token)
        return { ok: false, expired: true }
      }
      try {
        const { payload } = await jwtVerify(token, options.secret, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ["HS256"],
          requiredClaims: ["exp", "iat", "sub"],
        })
        const claims = decodeClaims(payload)
        if (Option.isNone(claims)) return { ok: false, expired: false }
        const { sub, org, role, hom, lng, sid, exp } = claims.value
        const entry = {
          principal: {
            userId: sub as UserId,
            orgId: org as OrgId,
            role,
            homeOrgId: (hom ?? org) as OrgId,
            locale: lng ?? null,
            sessionId: sid ?? null,
          },
          expiresAtMs: exp * 1000,
        }
        remember(token, entry)
        return { ok: true, ...entry }
      } catch (error) {
        return { ok: false, expired: error instanceof errors.JWTExpired }
      }
    },

    /** A new opaque refresh token and the digest that is stored instead of it. */
    newRefresh: (): { token: string; digest: Buffer } => {
      const token = randomBytes(32).toString("base64url")
      return { token, digest: refreshDigest(token) }
    },

    /**
     * The CSRF token of a browser session: an HMAC of its login's id, so it is bound to the session
     * (a cookie planted by a sibling domain, or another session's token, does not match).
     */
    csrfToken,

    /** Whether `presented` is the CSRF token of the session `sessionId` (constant time). */
    csrfMatches: (sessionId: string | null, presented: string | undefined): boolean => {
      if (sessionId === null || presented === undefined) return false
      const expected = Buffer.from(csrfToken(sessionId))
      const given = Buffer.from(presented)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
  }
}
export type Tokens = ReturnType<typeof makeTokens>

export const refreshDigest = (token: string): Buffer => createHash("sha256").update(token).digest()
