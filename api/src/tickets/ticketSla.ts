import { DEFAULT_TICKET_SLA_HOURS, TICKET_TYPES, type TicketSla } from "@fleetcore/contract"
import type pg from "pg"
import { firstRow, sql } from "../db/sql.js"

/** Where an organisation's ticket SLA hours live in `organisations.settings`. */
export const SLA_SETTING = "ticketSlaHours"

/**
 * The hours to resolve each type of ticket: the organisation's own (`settings.ticketSlaHours`),
 * each absent or unusable type keeping its default. `c` is a `withOrg` connection.
 */
export const readTicketSla = async (c: pg.ClientBase): Promise<typeof TicketSla.Type> => {
  const org = await firstRow(c, sql.selectFrom("organisations").select("settings"))
  const own = org?.settings?.[SLA_SETTING]
  const set = typeof own === "object" && own !== null ? (own as Record<string, unknown>) : {}
  const hours = (type: (typeof TICKET_TYPES)[number]): number => {
    const v = set[type]
    return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 720
      ? v
      : DEFAULT_TICKET_SLA_HOURS[type]
  }
  return Object.fromEntries(TICKET_TYPES.map((t) => [t, hours(t)])) as typeof TicketSla.Type
}
