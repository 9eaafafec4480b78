import { isCentreRole, mayGrant, type Role } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"

export { mayGrant }

export const assertMayGrant = (caller: Role, role: Role, field: string): void => {
  if (!mayGrant(caller, role))
    throw new HttpError(
      403,
      "FLEET_ROLE_NOT_GRANTABLE",
      `your role (${caller}) cannot grant or change the role ${role}`,
      field,
    )
}

/** Changes a user may not make to their own account: they would lock themselves out. */
export const assertNotSelfLockout = (
  self: boolean,
  current: { readonly role: Role },
  changes: { readonly role?: Role; readonly disabled?: boolean },
): void => {
  if (!self) return
  if (changes.disabled === true)
    throw new HttpError(409, "FLEET_USER_SELF", "you cannot deactivate your own account", "disabled")
  if (changes.role !== undefined && changes.role !== current.role)
    throw new HttpError(409, "FLEET_USER_SELF", "you cannot change your own role", "role")
}

/**
 * A centre's roles belong to service centres and the fleet roles to fleets: an owner acting in a
 * centre cannot make it a fleet's admin, nor a fleet admin hand out `mechanic`.
 */
export const assertRoleFitsOrganisation = (
  kind: "fleet" | "service_centre",
  role: Role,
  field: string,
): void => {
  if ((kind === "service_centre") !== isCentreRole(role))
    throw new HttpError(
      403,
      "FLEET_ROLE_NOT_GRANTABLE",
      kind === "service_centre"
        ? `a service centre's users hold the centre roles, not ${role}`
        : `the role ${role} belongs to service centres`,
      field,
    )
}
