import { randomUUID } from "node:crypto"
import type { Session } from "@fleetcore/contract"
import type { PostgresClient } from "@fleetcore/platform"
import type { OrgId, UserId } from "@fleetcore/proto"
import { type Queryable, rows, sql } from "../db/sql.js"
import { type Account, type ActingOrganisation, meOf } from "./accounts.js"
import { sessionCookies } from "./sessionCookies.js"
import type { Tokens } from "./Tokens.js"

export type SessionKind = "token" | "cookie"

export interface SessionDeps {
  readonly db: PostgresClient
  readonly tokens: Tokens
  /** `Secure` on the session cookies. */
  readonly cookieSecure: boolean
}

export interface IssuedSession {
  readonly body: typeof Session.Encoded
  readonly cookies?: ReadonlyArray<string>
}

/**
 * A new access token and refresh token for `account`, acting in `acting`. `familyId` null starts a
 * login (a new refresh-token family); otherwise the session continues that login. The refresh
 * token's row keeps the acting organisation, so a refresh goes on acting there. API clients get
 * the tokens in the body; a browser (`cookie`) gets them as httpOnly cookies and only the CSRF token.
 */
export const issueSession = async (
  deps: SessionDeps,
  account: Account,
  options: {
    readonly familyId: string | null
    readonly acting: ActingOrganisation
    readonly kind: SessionKind
    /** Where the refresh token is written: the caller's transaction (a rotation), else the pool. */
    readonly client?: Queryable
  },
): Promise<IssuedSession> => {
  const { tokens } = deps
  const familyId = options.familyId ?? randomUUID()
  const refresh = tokens.newRefresh()
  await rows(
    options.client ?? deps.db.system,
    sql.insertInto("refresh_tokens").values({
      user_id: account.id,
      org_id: options.acting.id,
      token_hash: refresh.digest,
      family_id: familyId,
      expires_at: new Date(Date.now() + tokens.refreshTtlS * 1000),
    }),
  )
  const accessToken = await tokens.signAccess({
    userId: account.id as UserId,
    orgId: options.acting.id as OrgId,
    role: account.role,
    homeOrgId: account.org_id as OrgId,
    locale: account.locale,
    sessionId: familyId,
  })
  const user = meOf(account, options.acting)
  if (options.kind === "token") {
    return {
      body: {
        accessToken,
        refreshToken: refresh.token,
        csrfToken: null,
        expiresInS: tokens.accessTtlS,
        user,
      },
    }
  }
  const csrfToken = tokens.csrfToken(familyId)
  return {
    body: { accessToken: null, refreshToken: null, csrfToken, expiresInS: tokens.accessTtlS, user },
    cookies: sessionCookies({ accessToken, refreshToken: refresh.token, csrfToken }, tokens.refreshTtlS, {
      secure: deps.cookieSecure,
    }),
  }
}
