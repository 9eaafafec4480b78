import type { CONTRACT_TYPES } from "@fleetcore/contract"
import type pg from "pg"
import { contractDueDays } from "./contractDues.js"
import { rateOn } from "./orgRate.js"
import type { ReportPeriod } from "./reportPeriod.js"

/**
 * A cost the expense ledger has no category for: a purchase, or a payment of such a contract. Fines
 * are not among them: the one a company pays is its `fine` expense (the penalty register also holds
 * the open, disputed and driver-paid ones, which are not the company's cost).
 */
export const OTHER_COST_KINDS = ["purchase", "contracts"] as const
export type OtherCostKind = (typeof OTHER_COST_KINDS)[number]

/**
 * The contract types whose payments the expense ledger has a category for: a premium is an
 * `insurance` expense, rent a `rental` one. Total cost counts each payment once, as the expense
 * that records it (paid, on its day, in its currency); these contracts' `amount` and frequency are
 * their terms (the coverage and rental reports), not a second cost. Leasing, warranty and service
 * contracts have no category, so their payments are counted from their terms.
 */
export const PAID_AS_EXPENSES: ReadonlyArray<(typeof CONTRACT_TYPES)[number]> = [
  "insurance_casco",
  "insurance_osago",
  "rental",
]

export interface OtherCost {
  readonly vehicle_id: string
  readonly kind: OtherCostKind
  readonly currency: string
  /** Sum in `currency`. */
  readonly amount: string
  /** Sum in the organisation's currency of the items with a rate; null when none had one. */
  readonly org_amount: string | null
  readonly items: number
  readonly unconverted: number
}

/**
 * The period's purchases and contract payments per vehicle, kind and currency, converted into the
 * organisation's currency by the rule expenses are repriced with (`expenses/reprice.ts`): the latest
 * rate of the currency against the organisation's on or before the item's day, 1 for the
 * organisation's own; without such a rate an item stays unconverted (counted apart).
 *
 * - purchase: the vehicle's purchase price when it was bought in the period (no currency: the
 *   organisation's);
 * - contracts: `amount` on each day the contract falls due (`contractDues.ts`), for the types
 *   whose payments are not expenses (`PAID_AS_EXPENSES`).
 */
const OTHER_COSTS = `
  WITH items AS (
    SELECT v.id AS vehicle_id, 'purchase' AS kind, v.purchase_price AS amount,
           coalesce(v.purchase_currency, $4) AS currency, v.purchased_on AS day
    FROM vehicles v
    WHERE v.id = ANY($1::uuid[]) AND v.purchase_price IS NOT NULL AND v.purchased_on BETWEEN $2::date AND $3::date
    UNION ALL
    SELECT c.vehicle_id, 'contracts', c.amount, c.currency, due.day
    FROM contracts c CROSS JOIN ${contractDueDays("$5")}
    WHERE c.vehicle_id = ANY($1::uuid[]) AND c.starts_on <= $3::date AND c.ends_on >= $2::date
      AND c.type <> ALL($6::text[]) AND due.day BETWEEN $2::date AND $3::date
  )
  SELECT i.vehicle_id, i.kind, i.currency,
         sum(i.amount)::numeric(16, 2)::text AS amount,
         (sum(round(i.amount * x.rate, 2)))::numeric(16, 2)::text AS org_amount,
         count(*)::int AS items,
         (count(*) FILTER (WHERE x.rate IS NULL))::int AS unconverted
  FROM items i
  LEFT JOIN LATERAL (SELECT ${rateOn("i.currency", "i.day", "$4")} AS rate) x ON true
  GROUP BY i.vehicle_id, i.kind, i.currency`

export const otherCosts = async (
  c: pg.ClientBase,
  ids: ReadonlyArray<string>,
  period: ReportPeriod,
  books: { readonly currency: string; readonly timezone: string },
): Promise<ReadonlyArray<OtherCost>> =>
  ids.length === 0
    ? []
    : (
        await c.query<OtherCost>(OTHER_COSTS, [
          ids,
          period.from,
          period.to,
          books.currency,
          books.timezone,
          PAID_AS_EXPENSES,
        ])
      ).rows
