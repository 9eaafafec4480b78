import type { Language, Role } from "@fleetcore/contract"
import type { OrgId, UserId } from "@fleetcore/proto"

export { ROLES, type Role } from "@fleetcore/contract"

/** Who is calling: from a verified access token. */
export interface Principal {
  readonly userId: UserId
  /** The organisation the caller acts in (an owner may switch to another). */
  readonly orgId: OrgId
  readonly role: Role
  /** The organisation the user belongs to; differs from `orgId` after an owner's switch. */
  readonly homeOrgId: OrgId
  /** The user's language when the token was issued (errors are answered in it); null when unknown. */
  readonly locale: Language | null
  /** The login (refresh-token family) the token belongs to; browser sessions bind CSRF to it. */
  readonly sessionId: string | null
}

/** What an access token is signed for: the caller, and optionally the rest of the session. */
export type PrincipalClaims = Pick<Principal, "userId" | "orgId" | "role"> &
  Partial<Pick<Principal, "homeOrgId" | "locale" | "sessionId">>
