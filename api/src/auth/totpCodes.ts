import { Secret, TOTP } from "otpauth"

/** The issuer an authenticator app shows beside the account (RFC 6238 key URI `issuer`). */
export const TOTP_ISSUER = "FleetCore"
/** RFC 6238 defaults, the ones every authenticator app supports: SHA-1, 6 digits, 30 s steps. */
const PARAMETERS = { algorithm: "SHA1", digits: 6, period: 30 } as const
/** Codes of the step before and after the current one are accepted too (clock drift). */
const WINDOW = 1

/** A new 160-bit secret (RFC 4226 §4 recommends 160) and its otpauth:// URL for the app. */
export const newTotpSecret = (label: string): { readonly base32: string; readonly url: string } => {
  const secret = new Secret({ size: 20 })
  return {
    base32: secret.base32,
    url: new TOTP({ issuer: TOTP_ISSUER, label, secret, ...PARAMETERS }).toString(),
  }
}

/** The time step (30-second counter) whose code `code` is, within ±1 step of `nowMs`; null if none. */
export const totpStepOf = (base32: string, code: string, nowMs: number): number | null => {
  const totp = new TOTP({ secret: Secret.fromBase32(base32), ...PARAMETERS })
  const delta = totp.validate({ token: code, timestamp: nowMs, window: WINDOW })
  return delta === null ? null : TOTP.counter({ period: PARAMETERS.period, timestamp: nowMs }) + delta
}

/** The code of `base32` at `nowMs` (tests play the authenticator app with it). */
export const totpCodeAt = (base32: string, nowMs: number): string =>
  new TOTP({ secret: Secret.fromBase32(base32), ...PARAMETERS }).generate({ timestamp: nowMs })
