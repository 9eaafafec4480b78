import type { OrgId, UserId } from "@fleetcore/proto"

export const ROLES = ["superadmin", "admin", "manager", "dispatcher", "driver", "analyst"] as const
export type Role = (typeof ROLES)[number]

/** Who is calling: from a verified access token. */
export interface Principal {
  readonly userId: UserId
  readonly orgId: OrgId
  readonly role: Role
}
