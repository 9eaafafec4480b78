/**
 * The server's password policy (api/src/auth/passwordPolicy.ts), shown to the user while they
 * type. The server stays the judge: it also refuses common passwords and the user's e-mail or name.
 */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 256

export interface PasswordCheck {
  readonly longEnough: boolean
  readonly notTooLong: boolean
  readonly matches: boolean
}

export const checkPassword = (password: string, confirmation: string): PasswordCheck => ({
  longEnough: [...password].length >= PASSWORD_MIN_LENGTH,
  notTooLong: [...password].length <= PASSWORD_MAX_LENGTH,
  matches: password !== "" && password === confirmation,
})

export const passwordAcceptable = (check: PasswordCheck): boolean =>
  check.longEnough && check.notTooLong && check.matches

/** The token of a one-time link: `/set-password#token=…` (the fragment never reaches server logs). */
export const linkToken = (hash: string): string | null => {
  const token = new URLSearchParams(hash.replace(/^#/u, "")).get("token")
  return token !== null && token.length >= 20 && token.length <= 200 ? token : null
}
