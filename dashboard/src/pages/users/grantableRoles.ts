import { ROLES, type Role } from "@fleetcore/contract"

/**
 * The roles a caller may hand out (the server's rule, `FLEET_ROLE_NOT_GRANTABLE`): only the
 * installation owner makes, or edits, another owner; an admin grants every other role.
 */
export const mayGrant = (caller: Role, role: Role): boolean => role !== "owner" || caller === "owner"

export const grantableRoles = (caller: Role): ReadonlyArray<Role> =>
  ROLES.filter((role) => mayGrant(caller, role))
