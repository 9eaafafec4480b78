import type pg from "pg"
import { settingsView } from "../organisations/organisationSettings.js"

/** What money and dates of an organisation's records are kept in: its currency and time zone. */
export interface OrgBooks {
  readonly currency: string
  readonly timezone: string
}

export const orgBooks = async (c: pg.ClientBase, orgId: string): Promise<OrgBooks> => {
  const { rows } = await c.query<{ settings: Record<string, unknown> }>(
    "SELECT settings FROM organisations WHERE id = $1",
    [orgId],
  )
  const settings = settingsView(rows[0]?.settings ?? {})
  return { currency: settings.currency, timezone: settings.timezone }
}

/** When an expense happened: the instant and the day in the organisation's time zone. */
/** Today in the organisation's time zone, "YYYY-MM-DD" (inside a statement: `contracts/orgToday.ts`). */
export const orgTodayOf = async (c: pg.ClientBase, orgId: string): Promise<string> => {
  const { timezone } = await orgBooks(c, orgId)
  const { rows } = await c.query<{ day: string }>("SELECT (now() AT TIME ZONE $1)::date::text AS day", [
    timezone,
  ])
  return rows[0]?.day ?? new Date().toISOString().slice(0, 10)
}

export interface ExpenseWhen {
  readonly spentAt: Date
  readonly spentOn: string
  readonly timeGiven: boolean
}

/**
 * A day alone ("2026-03-01") is that day in the organisation's time zone, starting at its local
 * midnight; an instant's day is the local day it falls on there. PostgreSQL's zone rules do the work.
 */
export const expenseWhen = async (c: pg.ClientBase, date: string, timezone: string): Promise<ExpenseWhen> => {
  const timeGiven = date.length > 10
  const { rows } = await c.query<{ at: Date; day: string }>(
    timeGiven
      ? "SELECT $1::timestamptz AS at, ($1::timestamptz AT TIME ZONE $2)::date::text AS day"
      : "SELECT ($1::date::timestamp AT TIME ZONE $2) AS at, $1::date::text AS day",
    [date, timezone],
  )
  const row = rows[0]
  if (row === undefined) throw new Error("no answer for a date conversion")
  return { spentAt: row.at, spentOn: row.day, timeGiven }
}
