import { type Contract, INSURANCE_TYPES, RENEWAL_WINDOW_DAYS } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import { sql } from "../db/sql.js"
import { orgToday } from "./orgToday.js"

type ContractStatus = (typeof Contract.Type)["status"]

const today = orgToday("o")

/**
 * The status at this moment: only a cancellation is stored; expired (the end date has passed in the
 * organisation's time zone) and pending_renewal (an auto-renewing contract within
 * RENEWAL_WINDOW_DAYS of its end) follow from the dates, so they are right without a job.
 */
export const contractStatus = raw<ContractStatus>`CASE
  WHEN c.cancelled_at IS NOT NULL THEN 'cancelled'
  WHEN c.ends_on < ${today} THEN 'expired'
  WHEN c.auto_renew AND c.ends_on <= ${today} + ${RENEWAL_WINDOW_DAYS}::int THEN 'pending_renewal'
  ELSE 'active' END`

/** Days from the organisation's today to the end date (negative once passed). */
export const daysToEnd = raw<number>`(c.ends_on - ${today})`

/** Contracts joined with their vehicle and organisation (for its time zone), as `c`, `v`, `o`. */
export const contractRows = () =>
  sql
    .selectFrom("contracts as c")
    .innerJoin("vehicles as v", "v.id", "c.vehicle_id")
    .innerJoin("organisations as o", "o.id", "c.org_id")
    .select((eb) => [
      "c.id",
      "c.vehicle_id",
      "v.name as vehicle_name",
      "v.plate as vehicle_plate",
      "c.type",
      "c.contractor",
      "c.number",
      raw<string>`to_char(c.starts_on, 'YYYY-MM-DD')`.as("start_date"),
      raw<string>`to_char(c.ends_on, 'YYYY-MM-DD')`.as("end_date"),
      eb.cast<string>("c.amount", "text").as("amount"),
      "c.currency",
      "c.payment_frequency",
      contractStatus.as("status"),
      daysToEnd.as("days_to_end"),
      "c.auto_renew",
      "c.notes",
      eb.cast<string | null>("c.sum_insured", "text").as("sum_insured"),
      eb.cast<string | null>("c.deductible", "text").as("deductible"),
      "c.covered_risks",
      "c.policy_holder",
      "c.previous_contract_id",
      raw<string | null>`(SELECT r.id FROM contracts r WHERE r.previous_contract_id = c.id)`.as(
        "renewed_by_id",
      ),
      "c.cancelled_at",
      "c.cancel_reason",
      "c.created_by",
      "c.created_at",
      "c.updated_at",
    ])

export type ContractRow = Awaited<ReturnType<ReturnType<typeof contractRows>["executeTakeFirstOrThrow"]>>

/** Numeric money is text with two decimals in PostgreSQL ("450.00"); kept exactly as stored. */
export const contractView = (r: ContractRow): typeof Contract.Encoded => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  vehicleName: r.vehicle_name,
  vehiclePlate: r.vehicle_plate,
  type: r.type,
  contractor: r.contractor,
  number: r.number,
  startDate: r.start_date,
  endDate: r.end_date,
  amount: r.amount,
  currency: r.currency,
  paymentFrequency: r.payment_frequency,
  status: r.status,
  daysToEnd: Number(r.days_to_end),
  autoRenew: r.auto_renew,
  notes: r.notes,
  insurance: INSURANCE_TYPES.includes(r.type)
    ? {
        sumInsured: r.sum_insured,
        deductible: r.deductible,
        coveredRisks: r.covered_risks,
        policyHolder: r.policy_holder,
      }
    : null,
  previousContractId: r.previous_contract_id,
  renewedById: r.renewed_by_id,
  cancelledAt: r.cancelled_at?.toISOString() ?? null,
  cancelReason: r.cancel_reason,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})
