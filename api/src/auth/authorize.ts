import { HttpError, type Request } from "@fleetcore/platform"
import { authenticate } from "./authenticate.js"
import type { Principal, Role } from "./Principal.js"
import type { Tokens } from "./Tokens.js"

/**
 * The caller, and one of `roles` when given. Routes not yet declared in the contract still use
 * this; declared ones get their checks from `serve`.
 */
export const authorize = async (
  tokens: Tokens,
  request: Request,
  roles?: ReadonlyArray<Role>,
): Promise<Principal> => {
  const principal = await authenticate(tokens, request)
  if (roles !== undefined && !roles.includes(principal.role)) {
    throw new HttpError(403, "FLEET_FORBIDDEN", `this action needs one of the roles: ${roles.join(", ")}`)
  }
  return principal
}
