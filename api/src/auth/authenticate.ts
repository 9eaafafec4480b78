import { HttpError, type Request } from "@fleetcore/platform"
import type { Principal } from "./Principal.js"
import type { Tokens } from "./Tokens.js"

/** The caller of a request, checked on the server: a valid access token (Authorization: Bearer). */
export const authenticate = async (tokens: Tokens, request: Request): Promise<Principal> => {
  const header = request.headers.get("authorization") ?? ""
  if (!header.toLowerCase().startsWith("bearer ")) {
    throw new HttpError(401, "FLEET_AUTH_REQUIRED", "an access token is required (Authorization: Bearer …)")
  }
  const verified = await tokens.verifyAccess(header.slice(7).trim())
  if (!verified.ok) {
    throw new HttpError(
      401,
      verified.expired ? "FLEET_AUTH_TOKEN_EXPIRED" : "FLEET_AUTH_TOKEN_INVALID",
      verified.expired ? "the access token has expired; refresh it" : "the access token is not valid",
    )
  }
  return verified.principal
}
