import type { AuthResponse, User } from "../api/types"

/** What survives a page reload in this tab (sessionStorage: gone when the tab closes). */
export interface StoredSession {
  readonly accessToken: string
  readonly refreshToken: string
  /** Wall-clock time the access token expires, ms since epoch. */
  readonly expiresAtMs: number
  readonly user: User
}

const KEY = "fleetcore.session"

export const makeStoredSession = (response: AuthResponse, nowMs: number): StoredSession => ({
  accessToken: response.accessToken,
  refreshToken: response.refreshToken,
  expiresAtMs: nowMs + response.expiresInS * 1000,
  user: response.user,
})

const isStoredSession = (u: unknown): u is StoredSession =>
  typeof u === "object" &&
  u !== null &&
  "accessToken" in u &&
  typeof u.accessToken === "string" &&
  "refreshToken" in u &&
  typeof u.refreshToken === "string" &&
  "expiresAtMs" in u &&
  typeof u.expiresAtMs === "number" &&
  "user" in u &&
  typeof u.user === "object" &&
  u.user !== null

export const loadSession = (): StoredSession | null => {
  try {
    const raw = sessionStorage.getItem(KEY)
    if (raw === null) return null
    const parsed: unknown = JSON.parse(raw)
    return isStoredSession(parsed) ? parsed : null
  } catch {
    return null
  }
}

export const saveSession = (session: StoredSession | null): void => {
  try {
    if (session === null) sessionStorage.removeItem(KEY)
    else sessionStorage.setItem(KEY, JSON.stringify(session))
  } catch {
    // Storage disabled: the session still lives in memory until the page reloads.
  }
}
