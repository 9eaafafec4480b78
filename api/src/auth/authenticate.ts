import { CSRF_HEADER, SESSION_COOKIES } from "@fleetcore/contract"
import { HttpError, type Request } from "@fleetcore/platform"
import type { Principal } from "./Principal.js"
import { cookieOf } from "./sessionCookies.js"
import type { Tokens } from "./Tokens.js"

/** Methods that change something: a cookie-authenticated one must carry the session's CSRF token. */
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"])

const verified = async (tokens: Tokens, token: string): Promise<Principal> => {
  const result = await tokens.verifyAccess(token)
  if (!result.ok) {
    throw new HttpError(
      401,
      result.expired ? "FLEET_AUTH_TOKEN_EXPIRED" : "FLEET_AUTH_TOKEN_INVALID",
      result.expired ? "the access token has expired; refresh it" : "the access token is not valid",
    )
  }
  return result.principal
}

/**
 * The caller of a request, checked on the server. An `Authorization: Bearer` access token (API
 * clients) wins; otherwise the browser session's `fleet_session` cookie, and then a request that
 * changes something must also send the session's CSRF token in `x-fleet-csrf`: the browser attaches
 * cookies to requests other sites make, but only the dashboard can read the token to send it.
 */
export const authenticate = async (tokens: Tokens, request: Request): Promise<Principal> => {
  const header = request.headers.get("authorization") ?? ""
  if (header.toLowerCase().startsWith("bearer ")) return verified(tokens, header.slice(7).trim())
  const cookie = cookieOf(request.headers, SESSION_COOKIES.session)
  if (cookie === undefined || cookie === "") {
    throw new HttpError(
      401,
      "FLEET_AUTH_REQUIRED",
      "an access token is required (Authorization: Bearer …, or the session cookie)",
    )
  }
  const principal = await verified(tokens, cookie)
  if (
    UNSAFE.has(request.method) &&
    !tokens.csrfMatches(principal.sessionId, request.headers.get(CSRF_HEADER))
  ) {
    throw new HttpError(403, "FLEET_CSRF_INVALID", `the ${CSRF_HEADER} header does not match the session`)
  }
  return principal
}
