import { createRequire } from "node:module"
import { type Reason, reason } from "@fleetcore/contract"
import { refuse } from "../http/refuse.js"

export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 256

/**
 * The ~49,000 most common passwords from leaked password lists (zxcvbn-ts's common dictionary),
 * lower-cased: a password is refused when it is one of them, whatever its case.
 */
let common: ReadonlySet<string> | undefined
/** Read on the first password checked, not at start (~4 MiB of heap with the dictionary). */
const commonPasswords = (): ReadonlySet<string> => {
  if (common === undefined) {
    const { dictionary } = createRequire(import.meta.url)("@zxcvbn-ts/language-common") as {
      dictionary: Readonly<Record<"passwords-common", ReadonlyArray<string>>>
    }
    common = new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()))
  }
  return common
}

/** Who is choosing the password: it may not be their own e-mail address or name. */
export interface PasswordOwner {
  readonly email: string
  readonly name: string
}

export type PasswordRule = "too-short" | "too-long" | "common" | "personal"

/** The first rule `password` breaks, or null when it is acceptable. */
export const passwordProblem = (password: string, owner: PasswordOwner): PasswordRule | null => {
  // Counted in characters (code points), as a person counts them, not UTF-16 units.
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return "too-short"
  if (length > MAX_PASSWORD_LENGTH) return "too-long"
  const folded = password.trim().toLowerCase()
  if (commonPasswords().has(folded)) return "common"
  const email = owner.email.toLowerCase()
  const local = email.split("@")[0] ?? ""
  const name = owner.name.trim().toLowerCase()
  const squeezed = folded.replace(/\s+/gu, "")
  if (
    folded === email ||
    (local.length > 0 && folded === local) ||
    folded === name ||
    squeezed === name.replace(/\s+/gu, "")
  )
    return "personal"
  return null
}

const REASONS: Readonly<Record<PasswordRule, Reason>> = {
  "too-short": reason("minLength", {
    min: MIN_PASSWORD_LENGTH,
    unit: { unit: "characters", count: MIN_PASSWORD_LENGTH },
  }),
  "too-long": reason("maxLength", {
    max: MAX_PASSWORD_LENGTH,
    unit: { unit: "characters", count: MAX_PASSWORD_LENGTH },
  }),
  common: reason("commonPassword"),
  personal: reason("personalPassword"),
}

/** Throws 422 FLEET_PASSWORD_WEAK naming the broken rule; `field` names the body's field. */
export const assertPasswordPolicy = (password: string, owner: PasswordOwner, field: string): void => {
  const problem = passwordProblem(password, owner)
  if (problem !== null) throw refuse(422, "FLEET_PASSWORD_WEAK", field, REASONS[problem])
}
