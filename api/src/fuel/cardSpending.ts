import { FUEL_CARD_PERIODS } from "@fleetcore/contract"
import type pg from "pg"
import { orgBooks } from "../expenses/orgBooks.js"
import { type fuelCards, fuelCardView } from "./fuelViews.js"

type CardRow = Awaited<ReturnType<ReturnType<typeof fuelCards>["executeTakeFirstOrThrow"]>>
type Period = (typeof FUEL_CARD_PERIODS)[number]

// Each card × period: the refuels paid with the card, in the card's currency, from the period's
// local midnight to the next period's, in the organisation's time zone (date_trunc('week') starts
// on Monday). The same counting as the limit warnings (`exceededCardLimits`).
const SPENDING = `
  SELECT card.id AS card_id, p.period,
         date_trunc(p.period, $2::date::timestamp)::date::text AS start,
         COALESCE(sum(e.amount), 0)::text AS spent
  FROM fuel_cards card
  CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS p(period)
  LEFT JOIN fuel_entries f ON f.fuel_card_id = card.id
  LEFT JOIN expenses e ON e.id = f.id
    AND e.currency = card.currency
    AND e.spent_at >= date_trunc(p.period, $2::date::timestamp) AT TIME ZONE $3
    AND e.spent_at < (date_trunc(p.period, $2::date::timestamp) + ('1 ' || p.period)::interval) AT TIME ZONE $3
  WHERE card.id = ANY($1::uuid[])
  GROUP BY card.id, p.period`

/** Who holds each card: the vehicle and the driver it is bound to. */
const HOLDERS = `
  SELECT card.id AS card_id, v.name AS vehicle_name, v.plate AS vehicle_plate, d.full_name AS driver_name
  FROM fuel_cards card
  LEFT JOIN vehicles v ON v.id = card.vehicle_id
  LEFT JOIN drivers d ON d.id = card.driver_id
  WHERE card.id = ANY($1::uuid[])`

const percentOf = (spent: string, limit: string | null): number | null =>
  limit === null ? null : Math.round((Number(spent) / Number(limit)) * 1000) / 10

/** The cards' spending in the day, week and month containing `on`, beside their limits. */
export const cardSpending = async (
  c: pg.ClientBase,
  orgId: string,
  cards: ReadonlyArray<CardRow>,
  on: string,
) => {
  if (cards.length === 0) return []
  const { timezone } = await orgBooks(c, orgId)
  const { rows } = await c.query<{ card_id: string; period: Period; start: string; spent: string }>(
    SPENDING,
    [cards.map((card) => card.id), on, timezone],
  )
  const found = new Map(rows.map((r) => [`${r.card_id}:${r.period}`, r]))
  const holders = await c.query<{
    card_id: string
    vehicle_name: string | null
    vehicle_plate: string | null
    driver_name: string | null
  }>(HOLDERS, [cards.map((card) => card.id)])
  const holderOf = new Map(holders.rows.map((r) => [r.card_id, r]))
  return cards.map((row) => {
    const card = fuelCardView(row)
    const holder = holderOf.get(card.id)
    const limits: Record<Period, string | null> = {
      day: card.dailyLimit,
      week: card.weeklyLimit,
      month: card.monthlyLimit,
    }
    return {
      cardId: card.id,
      name: card.name,
      numberLast4: card.numberLast4,
      vehicleId: card.vehicleId,
      vehicleName: holder?.vehicle_name ?? null,
      vehiclePlate: holder?.vehicle_plate ?? null,
      driverId: card.driverId,
      driverName: holder?.driver_name ?? null,
      currency: card.currency,
      active: card.active,
      periods: FUEL_CARD_PERIODS.map((period) => {
        const r = found.get(`${card.id}:${period}`)
        const spent = r?.spent ?? "0"
        return {
          period,
          start: r?.start ?? on,
          spent,
          limit: limits[period],
          usedPct: percentOf(spent, limits[period]),
        }
      }),
    }
  })
}
