import { createHash, randomBytes } from "node:crypto"
import type { Request } from "@fleetcore/platform"
import type pg from "pg"

/** How long a set-password link works. */
export const PASSWORD_LINK_TTL_MS = 7 * 24 * 3600 * 1000

/** Only this digest of a link's token is stored: a copy of the table opens no account. */
export const passwordLinkDigest = (token: string): Buffer => createHash("sha256").update(token).digest()

/**
 * Where links point: the configured public URL, else the origin the admin's request came to (the
 * address they reach the dashboard at).
 */
export const linkOrigin = (publicUrl: string | null, request: Request): string => {
  if (publicUrl !== null) return publicUrl.replace(/\/+$/u, "")
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim()
  const scheme = forwarded === "https" ? "https" : "http"
  return `${scheme}://${request.headers.get("host") ?? "localhost"}`
}

/**
 * A new one-time link for `userId` (32 random bytes, base64url; valid 7 days), run inside
 * `withOrg(orgId)`. The user's earlier links stop working. The token travels in the URL fragment,
 * which browsers do not send to the server, so it stays out of access logs; the dashboard's
 * set-password page reads it.
 */
export const issuePasswordLink = async (
  c: pg.ClientBase,
  link: {
    readonly orgId: string
    readonly userId: string
    readonly createdBy: string | null
    readonly origin: string
  },
): Promise<{ readonly url: string; readonly expiresAt: string }> => {
  const token = randomBytes(32).toString("base64url")
  const expiresAt = new Date(Date.now() + PASSWORD_LINK_TTL_MS)
  await c.query(
    "UPDATE password_links SET expires_at = now() WHERE user_id = $1 AND used_at IS NULL AND expires_at > now()",
    [link.userId],
  )
  await c.query(
    `INSERT INTO password_links (org_id, user_id, token_hash, expires_at, created_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [link.orgId, link.userId, passwordLinkDigest(token), expiresAt, link.createdBy],
  )
  return { url: `${link.origin}/set-password#token=${token}`, expiresAt: expiresAt.toISOString() }
}

/** Ends every session of a user: their refresh tokens are revoked (access tokens lapse within minutes). */
export const revokeSessions = async (
  c: pg.ClientBase,
  userId: string,
  except: { readonly familyId: string } | null = null,
): Promise<void> => {
  await c.query(
    `UPDATE refresh_tokens SET revoked_at = now()
     WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2::uuid)`,
    [userId, except?.familyId ?? null],
  )
}
