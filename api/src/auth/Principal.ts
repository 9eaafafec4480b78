import type { Role } from "@fleetcore/contract"
import type { OrgId, UserId } from "@fleetcore/proto"

export { ROLES, type Role } from "@fleetcore/contract"

/** Who is calling: from a verified access token. */
export interface Principal {
  readonly userId: UserId
  /** The organisation the caller acts in (an owner may switch to another). */
  readonly orgId: OrgId
  readonly role: Role
}
