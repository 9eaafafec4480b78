import type { LOCALES, Role } from "@fleetcore/contract"
import type { ColumnType, Generated } from "kysely"
import type { Defaulted } from "./columnTypes.js"

/** Organisations, their people, sign-in secrets and the audit log's rows: part of `Database`. */

export interface OrganisationsTable {
  id: Generated<string>
  name: string
  slug: string
  kind: Generated<"fleet" | "service_centre">
  description: string | null
  status: Generated<"active" | "suspended">
  status_changed_at: Date | null
  /** jsonb: write it as JSON text (JSON.stringify). */
  settings: ColumnType<Record<string, unknown>, string | undefined, string>
  created_at: Defaulted<Date>
  /** The logo's PNG in the documents store, and when it last changed (null: never set). */
  logo_key: Defaulted<string | null>
  logo_updated_at: Defaulted<Date | null>
}

export interface UsersTable {
  id: Generated<string>
  org_id: string
  email: string
  name: string
  /** argon2id PHC string; null until an invited user chose a password. */
  password_hash: string | null
  role: Role
  locale: Generated<(typeof LOCALES)[number]>
  disabled: Generated<boolean>
  phone: string | null
  theme: Generated<"light" | "dark" | "system">
  /** The user's own IANA zone; null: the organisation's. */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>
  last_login_at: Date | null
  password_changed_at: Date | null
  totp_secret: string | null
  totp_pending_secret: string | null
  totp_enabled_at: Date | null
  /** The last TOTP time step used (bigint, read as text): a code is accepted only for a later one. */
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>
  created_at: Defaulted<Date>
}

export interface PasswordLinksTable {
  id: Generated<string>
  org_id: string
  user_id: string
  token_hash: Buffer
  expires_at: Date
  used_at: Date | null
  created_by: string | null
  created_at: Defaulted<Date>
}

export interface RecoveryCodesTable {
  id: Generated<string>
  org_id: string
  user_id: string
  code_hash: string
  used_at: Date | null
  created_at: Defaulted<Date>
}

export interface RefreshTokensTable {
  id: Generated<string>
  user_id: string
  org_id: string
  token_hash: Buffer
  family_id: Generated<string>
  expires_at: Date
  revoked_at: Date | null
  created_at: Defaulted<Date>
}

export interface AuditLogTable {
  id: Generated<string>
  org_id: string
  seq: Generated<string>
  at: Defaulted<Date>
  actor_user_id: string | null
  action: string
  entity: string
  entity_id: string | null
  ip: string | null
  user_agent: string | null
  old_values: unknown
  new_values: unknown
  details: Generated<unknown>
}
