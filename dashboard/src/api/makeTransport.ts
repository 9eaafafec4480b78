import type { Transport } from "@fleetcore/contract"
import { ApiError, apiErrorOf } from "./ApiError"

/** The readable cookie the server sets beside the httpOnly session cookies; echoed in `CSRF_HEADER`. */
export const CSRF_COOKIE = "fleet_csrf"
export const CSRF_HEADER = "x-fleet-csrf"
const REFRESH_URL = "/api/v1/auth/refresh"
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"])

export interface TransportOptions {
  readonly fetch: typeof fetch
  /** `document.cookie` (the CSRF token is the one cookie script can read). */
  readonly cookies: () => string
  /**
   * Runs `refresh` so that at most one refresh happens at a time across the browser's tabs (the
   * refresh token rotates: two tabs refreshing with the same token would end the session).
   * Without Web Locks it simply runs `refresh`.
   */
  readonly exclusive?: <T>(refresh: () => Promise<T>) => Promise<T>
  /** The session is gone (the refresh was refused): the app shows the login page. */
  readonly onSessionLost?: () => void
}

export const cookieValue = (cookies: string, name: string): string | null => {
  for (const part of cookies.split(";")) {
    const eq = part.indexOf("=")
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}

/**
 * The access token expired (or its cookie, which lives as long as the token, is already gone):
 * the refresh cookie may still start a new one.
 */
const isStaleSession = (error: ApiError): boolean =>
  error.status === 401 && (error.code === "FLEET_AUTH_TOKEN_EXPIRED" || error.code === "FLEET_AUTH_REQUIRED")

interface Request {
  readonly method: string
  readonly url: string
  readonly body: unknown
  readonly signal?: AbortSignal
}

/**
 * The dashboard's transport for the contract's typed client: same-origin fetch with the session
 * cookies, the CSRF header on unsafe methods, and one refresh-and-retry when the access token
 * expired. Every failure becomes an {@link ApiError} with the server's code and field.
 */
export const makeTransport = (
  options: TransportOptions,
): Transport & { readonly refresh: () => Promise<void> } => {
  const csrf = () => cookieValue(options.cookies(), CSRF_COOKIE)
  const exclusive = options.exclusive ?? (<T>(run: () => Promise<T>) => run())
  let inFlight: Promise<void> | null = null

  const roundTrip = async (request: Request): Promise<unknown> => {
    const headers: Record<string, string> = { accept: "application/json" }
    if (request.body !== undefined) headers["content-type"] = "application/json"
    const token = csrf()
    if (UNSAFE.has(request.method) && token !== null) headers[CSRF_HEADER] = token
    let response: Response
    try {
      response = await options.fetch(request.url, {
        method: request.method,
        headers,
        credentials: "same-origin",
        body: request.body === undefined ? null : JSON.stringify(request.body),
        signal: request.signal ?? null,
      })
    } catch (cause) {
      if (request.signal?.aborted) throw cause
      throw new ApiError(0, "FLEET_CLIENT_NETWORK", "network error", null, null, { cause })
    }
    const text = await response.text()
    let body: unknown
    try {
      body = text === "" ? undefined : JSON.parse(text)
    } catch (cause) {
      if (response.ok)
        throw new ApiError(response.status, "FLEET_CLIENT_BAD_RESPONSE", response.statusText, null, null, {
          cause,
        })
    }
    if (response.ok) return body
    throw apiErrorOf(response.status, body, response.statusText)
  }

  /** One refresh at a time in this tab; across tabs, a tab that finds the CSRF cookie already rotated skips it. */
  const refresh = (): Promise<void> => {
    if (inFlight) return inFlight
    const seen = csrf()
    inFlight = exclusive(async () => {
      if (csrf() !== seen) return
      await roundTrip({ method: "POST", url: REFRESH_URL, body: {} })
    })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) options.onSessionLost?.()
        throw error
      })
      .finally(() => {
        inFlight = null
      })
    return inFlight
  }

  return {
    refresh,
    send: async (request) => {
      try {
        return await roundTrip(request)
      } catch (error) {
        if (
          !(error instanceof ApiError && isStaleSession(error)) ||
          request.url.startsWith("/api/v1/auth/")
        ) {
          throw error
        }
        await refresh()
        return roundTrip(request)
      }
    },
  }
}

/** Web Locks serialise refreshes across tabs of this origin. */
export const browserExclusive = <T>(run: () => Promise<T>): Promise<T> =>
  typeof navigator !== "undefined" && "locks" in navigator
    ? (navigator.locks.request("fleetcore.refresh", run) as Promise<T>)
    : run()
