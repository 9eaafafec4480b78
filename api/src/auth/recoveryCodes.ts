import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto"

/** How many recovery codes a user gets; each signs in once. */
export const RECOVERY_CODE_COUNT = 10

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

/** A new recovery code, `abcde-12345`: 10 characters of 36, about 51 bits. */
export const newRecoveryCode = (): string => {
  const pick = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")
  return `${pick()}-${pick()}`
}

const digest = (salt: Buffer, code: string): Buffer => createHash("sha256").update(salt).update(code).digest()

/**
 * What is stored instead of a recovery code: SHA-256 over a per-code random salt and the code. The
 * codes are random (not chosen by people), so a fast salted hash is enough; the salt keeps equal
 * codes of different users apart.
 */
export const hashRecoveryCode = (code: string): string => {
  const salt = randomBytes(16)
  return `sha256$${salt.toString("base64url")}$${digest(salt, code).toString("base64url")}`
}

/** Whether `code` is the one `stored` was made from (constant time). */
export const recoveryCodeMatches = (stored: string, code: string): boolean => {
  const [scheme, salt, hash] = stored.split("$")
  if (scheme !== "sha256" || salt === undefined || hash === undefined) return false
  const expected = Buffer.from(hash, "base64url")
  const actual = digest(Buffer.from(salt, "base64url"), code)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
