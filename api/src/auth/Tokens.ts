import { createHash, randomBytes } from "node:crypto"
import type { OrgId, UserId } from "@fleetcore/proto"
import { Option, Schema } from "effect"
import { errors, jwtVerify, SignJWT } from "jose"
import { type Principal, ROLES } from "./Principal.js"

const ISSUER = "fleetcore"
const AUDIENCE = "fleetcore-api"

export interface TokenOptions {
  /** HMAC key for access tokens (HS256), at least 32 bytes. */
  readonly secret: Uint8Array
  readonly accessTtlS: number
  readonly refreshTtlS: number
}

/** The claims an access token must carry; anything else (no `exp`, an `org` that is not a UUID) is invalid. */
const AccessClaims = Schema.Struct({
  sub: Schema.String.check(Schema.isUUID()),
  org: Schema.String.check(Schema.isUUID()),
  role: Schema.Literals(ROLES),
  exp: Schema.Number.check(Schema.isInt()),
  iat: Schema.Number.check(Schema.isInt()),
})
const decodeClaims = Schema.decodeUnknownOption(AccessClaims)

export type VerifyResult =
  | { readonly ok: true; readonly principal: Principal; readonly expiresAtMs: number }
  | { readonly ok: false; readonly expired: boolean }

/** Short-lived signed access tokens (jose) and opaque, rotating refresh tokens. */
export const makeTokens = (options: TokenOptions) => ({
  accessTtlS: options.accessTtlS,
  refreshTtlS: options.refreshTtlS,

  signAccess: (p: Principal): Promise<string> =>
    new SignJWT({ org: p.orgId, role: p.role })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(p.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${options.accessTtlS}s`)
      .sign(options.secret),

  verifyAccess: async (token: string): Promise<VerifyResult> => {
    try {
      const { payload } = await jwtVerify(token, options.secret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ["HS256"],
        requiredClaims: ["exp", "iat", "sub"],
      })
      const claims = decodeClaims(payload)
      if (Option.isNone(claims)) return { ok: false, expired: false }
      const { sub, org, role, exp } = claims.value
      return {
        ok: true,
        principal: { userId: sub as UserId, orgId: org as OrgId, role },
        expiresAtMs: exp * 1000,
      }
    } catch (error) {
      return { ok: false, expired: error instanceof errors.JWTExpired }
    }
  },

  /** A new opaque refresh token and the digest that is stored instead of it. */
  newRefresh: (): { token: string; digest: Buffer } => {
    const token = randomBytes(32).toString("base64url")
    return { token, digest: refreshDigest(token) }
  },
})
export type Tokens = ReturnType<typeof makeTokens>

export const refreshDigest = (token: string): Buffer => createHash("sha256").update(token).digest()
