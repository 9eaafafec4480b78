import { SESSION_COOKIES } from "@fleetcore/contract"

/** The cookies of a request (`Cookie: a=1; b=2`), by name; the first of a repeated name wins. */
export const parseCookies = (header: string | undefined): ReadonlyMap<string, string> => {
  const cookies = new Map<string, string>()
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=")
    const name = eq < 0 ? "" : part.slice(0, eq).trim()
    if (name === "") continue
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1)
    if (!cookies.has(name)) cookies.set(name, value)
  }
  return cookies
}

/** A request's cookie `name`, if it has one. */
export const cookieOf = (headers: ReadonlyMap<string, string>, name: string): string | undefined =>
  parseCookies(headers.get("cookie")).get(name)

export interface CookieOptions {
  /** `Secure` (on unless FLEET_COOKIE_SECURE=false, for plain-HTTP trials on a LAN). */
  readonly secure: boolean
}

const cookie = (
  name: string,
  value: string,
  options: CookieOptions & { readonly path: string; readonly maxAgeS: number; readonly httpOnly: boolean },
): string =>
  [
    `${name}=${value}`,
    `Max-Age=${options.maxAgeS}`,
    `Path=${options.path}`,
    ...(options.httpOnly ? ["HttpOnly"] : []),
    ...(options.secure ? ["Secure"] : []),
    "SameSite=Strict",
  ].join("; ")

/**
 * The Set-Cookie values of a browser session. Every cookie lives as long as the refresh token:
 * the access token inside `fleet_session` expires sooner, and the API then answers
 * FLEET_AUTH_TOKEN_EXPIRED (refresh and retry) instead of a bare "sign in".
 */
export const sessionCookies = (
  session: { readonly accessToken: string; readonly refreshToken: string; readonly csrfToken: string },
  maxAgeS: number,
  options: CookieOptions,
): ReadonlyArray<string> => [
  cookie(SESSION_COOKIES.session, session.accessToken, { ...options, path: "/", maxAgeS, httpOnly: true }),
  cookie(SESSION_COOKIES.refresh, session.refreshToken, {
    ...options,
    path: "/api/v1/auth",
    maxAgeS,
    httpOnly: true,
  }),
  // Not HttpOnly: the dashboard reads it to send it back in the x-fleet-csrf header.
  cookie(SESSION_COOKIES.csrf, session.csrfToken, { ...options, path: "/", maxAgeS, httpOnly: false }),
]

/** Set-Cookie values that remove a browser session's cookies (same names and paths, Max-Age=0). */
export const clearedSessionCookies = (options: CookieOptions): ReadonlyArray<string> => [
  cookie(SESSION_COOKIES.session, "", { ...options, path: "/", maxAgeS: 0, httpOnly: true }),
  cookie(SESSION_COOKIES.refresh, "", { ...options, path: "/api/v1/auth", maxAgeS: 0, httpOnly: true }),
  cookie(SESSION_COOKIES.csrf, "", { ...options, path: "/", maxAgeS: 0, httpOnly: false }),
]
