import type { ColumnType, Generated } from "kysely"

/**
 * The PostgreSQL tables the API queries through Kysely, typed column by column. Add a table here
 * (matching its migration under infra/migrations/postgres) before the first query of it.
 */

/** A column the database fills in on insert (a default) and never changes afterwards. */
type Defaulted<T> = ColumnType<T, T | undefined, never>

export interface OrganisationsTable {
  id: Generated<string>
  name: string
  slug: string
  settings: ColumnType<unknown, string | undefined, string>
  created_at: Defaulted<Date>
}

export interface UsersTable {
  id: Generated<string>
  org_id: string
  email: string
  name: string
  password_hash: string
  role: string
  locale: Generated<string>
  disabled: Generated<boolean>
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

export interface Database {
  organisations: OrganisationsTable
  users: UsersTable
  audit_log: AuditLogTable
}
