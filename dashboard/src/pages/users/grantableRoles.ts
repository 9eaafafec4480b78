import { mayGrant, ROLES, type Role } from "@fleetcore/contract"

export { mayGrant }

/** The roles a caller may hand out (the server's rule, `FLEET_ROLE_NOT_GRANTABLE`). */
export const grantableRoles = (caller: Role): ReadonlyArray<Role> =>
  ROLES.filter((role) => mayGrant(caller, role))
