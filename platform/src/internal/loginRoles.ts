import { hkdfSync } from "node:crypto"
import pg from "pg"

/** A role the application logs in as. */
export interface LoginRole {
  readonly user: string
  readonly password: string
}

/**
 * The application never works as the owner the migrations run as: `fleetcore_system` (no
 * superuser; BYPASSRLS; data, not schema) serves the engine, ingest and cross-organisation
 * look-ups, and `fleetcore_app` (row-level security applies; a member of nothing, so it cannot
 * SET ROLE out of it) serves every request of an organisation.
 */
export interface LoginRoles {
  readonly system: LoginRole
  readonly app: LoginRole
}

/**
 * Their passwords, derived from the owner's secret (HKDF-SHA-256, one label per role): every
 * process that may migrate derives the same ones, and none is stored anywhere.
 */
export const loginRolesOf = (ownerSecret: string): LoginRoles => {
  const derive = (user: string): LoginRole => ({
    user,
    password: Buffer.from(
      hkdfSync("sha256", ownerSecret, new Uint8Array(0), `fleetcore/postgres-login/${user}`, 24),
    ).toString("base64url"),
  })
  return { system: derive("fleetcore_system"), app: derive("fleetcore_app") }
}

/** Lets both roles log in with their passwords; run as the owner, after the migrations made them. */
export const enableLogins = async (owner: pg.Pool, roles: LoginRoles): Promise<void> => {
  for (const role of [roles.system, roles.app])
    await owner.query(
      `ALTER ROLE ${pg.escapeIdentifier(role.user)} WITH LOGIN PASSWORD ${pg.escapeLiteral(role.password)}`,
    )
}

/** A PostgreSQL URL with another user and password. */
export const urlAs = (url: string, role: LoginRole): string => {
  const parsed = new URL(url)
  parsed.username = encodeURIComponent(role.user)
  parsed.password = encodeURIComponent(role.password)
  return parsed.toString()
}
