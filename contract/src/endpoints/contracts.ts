import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { Currency, IsoDate, IsoDateTime, Money, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

export const CONTRACT_TYPES = [
  "leasing",
  "rental",
  "insurance_casco",
  "insurance_osago",
  "warranty",
  "service_contract",
] as const
export const ContractType = Schema.Literals(CONTRACT_TYPES)

/** The types that carry insurance coverage (sum insured, deductible, covered risks, policy holder). */
export const INSURANCE_TYPES: ReadonlyArray<(typeof CONTRACT_TYPES)[number]> = [
  "insurance_casco",
  "insurance_osago",
]

export const PAYMENT_FREQUENCIES = ["one_time", "monthly", "quarterly", "annual"] as const
export const PaymentFrequency = Schema.Literals(PAYMENT_FREQUENCIES)

/**
 * `cancelled` is set by a cancellation; the others follow from the dates in the organisation's
 * time zone at the moment of reading: `expired` once the end date has passed, `pending_renewal`
 * within `RENEWAL_WINDOW_DAYS` of it for an auto-renewing contract, `active` otherwise.
 */
export const CONTRACT_STATUSES = ["active", "expired", "cancelled", "pending_renewal"] as const
export const ContractStatus = Schema.Literals(CONTRACT_STATUSES)

/** Days before its end date that an auto-renewing contract is pending renewal. */
export const RENEWAL_WINDOW_DAYS = 30

const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))
const Notes = Schema.String.check(Schema.isMaxLength(4000))
const Risk = Text(100)

export const InsuranceCoverage = Schema.Struct({
  sumInsured: Schema.NullOr(Money),
  deductible: Schema.NullOr(Money),
  coveredRisks: Schema.Array(Schema.String),
  policyHolder: Schema.NullOr(Schema.String),
}).annotate({ identifier: "InsuranceCoverage" })

export const Contract = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  vehicleName: Schema.String,
  vehiclePlate: Schema.NullOr(Schema.String),
  type: ContractType,
  contractor: Schema.String,
  number: Schema.NullOr(Schema.String),
  startDate: IsoDate,
  endDate: IsoDate,
  amount: Money,
  currency: Currency,
  paymentFrequency: PaymentFrequency,
  status: ContractStatus,
  /** Days from today (organisation's time zone) to the end date; negative once it has passed. */
  daysToEnd: Schema.Int,
  autoRenew: Schema.Boolean,
  notes: Schema.NullOr(Schema.String),
  /** Insurance types only; null for the others. */
  insurance: Schema.NullOr(InsuranceCoverage),
  /** The contract this one renews, and the one that renewed it. */
  previousContractId: Schema.NullOr(Uuid),
  renewedById: Schema.NullOr(Uuid),
  cancelledAt: Schema.NullOr(IsoDateTime),
  cancelReason: Schema.NullOr(Schema.String),
  createdBy: Schema.NullOr(Uuid),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "Contract" })

const InsuranceInput = Schema.Struct({
  sumInsured: Schema.optionalKey(Schema.NullOr(Money)),
  deductible: Schema.optionalKey(Schema.NullOr(Money)),
  coveredRisks: Schema.optionalKey(Schema.Array(Risk).check(Schema.isMaxLength(50))),
  policyHolder: Schema.optionalKey(Schema.NullOr(Text(200))),
})

const Editable = {
  contractor: Text(200),
  number: Schema.optionalKey(Schema.NullOr(Text(100))),
  startDate: IsoDate,
  endDate: IsoDate,
  amount: Money,
  currency: Currency,
  paymentFrequency: PaymentFrequency,
  autoRenew: Schema.optionalKey(Schema.Boolean),
  notes: Schema.optionalKey(Schema.NullOr(Notes)),
  /** Only for insurance types; refused (field `insurance`) on the others. */
  insurance: Schema.optionalKey(Schema.NullOr(InsuranceInput)),
}

const notFound = { status: 404, code: "FLEET_CONTRACT_NOT_FOUND" }
const invalid = "FLEET_CONTRACT_INVALID"

/** Leasing, rental, insurance, warranty and service contracts of the vehicles; renewal and expiry. */
export const contracts = {
  list: endpoint({
    id: "contracts.list",
    method: "get",
    path: "/api/v1/contracts",
    tag: "contracts",
    summary: "Contracts, soonest end first",
    description:
      "`q` searches the contractor and the number. `expiringWithinDays=N` keeps the contracts that are not cancelled and end between today and N days from today (organisation's time zone).",
    access: "contracts.read",
    query: listQuery(["endDate", "startDate", "amount", "contractor", "createdAt"], {
      vehicleId: Schema.optionalKey(Uuid),
      type: Schema.optionalKey(ContractType),
      status: Schema.optionalKey(ContractStatus),
      expiringWithinDays: Schema.optionalKey(
        Schema.String.check(Schema.isPattern(/^(0|[1-9]\d{0,2})$/u, explained("days", { max: 999 }))),
      ),
    }),
    response: listOf(Contract),
  }),
  summary: endpoint({
    id: "contracts.summary",
    method: "get",
    path: "/api/v1/contracts/summary",
    tag: "contracts",
    summary: "Counts for the home page: contracts expiring soon, expired, pending renewal, active",
    description: "`withinDays` (30 by default) is the window of `expiring`.",
    access: "contracts.read",
    query: Schema.Struct({
      withinDays: Schema.optionalKey(
        Schema.String.check(Schema.isPattern(/^(0|[1-9]\d{0,2})$/u, explained("days", { max: 999 }))),
      ),
    }),
    response: Schema.Struct({
      withinDays: Schema.Int,
      expiring: Schema.Int,
      expired: Schema.Int,
      pendingRenewal: Schema.Int,
      active: Schema.Int,
    }),
  }),
  get: endpoint({
    id: "contracts.get",
    method: "get",
    path: "/api/v1/contracts/:id",
    tag: "contracts",
    summary: "One contract",
    access: "contracts.read",
    params: IdParams,
    response: Contract,
    errors: [notFound],
  }),
  create: endpoint({
    id: "contracts.create",
    method: "post",
    path: "/api/v1/contracts",
    tag: "contracts",
    summary: "Add a contract to a vehicle",
    description: "The end date is on or after the start date; insurance coverage only for insurance types.",
    access: "contracts.manage",
    body: Schema.Struct({ vehicleId: Uuid, type: ContractType, ...Editable }),
    invalidCode: invalid,
    response: Contract,
    status: 201,
    errors: [{ status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }],
  }),
  update: endpoint({
    id: "contracts.update",
    method: "patch",
    path: "/api/v1/contracts/:id",
    tag: "contracts",
    summary: "Edit a contract (not a cancelled one)",
    access: "contracts.manage",
    params: IdParams,
    body: Schema.Struct({
      vehicleId: Schema.optionalKey(Uuid),
      type: Schema.optionalKey(ContractType),
      contractor: Schema.optionalKey(Editable.contractor),
      number: Editable.number,
      startDate: Schema.optionalKey(IsoDate),
      endDate: Schema.optionalKey(IsoDate),
      amount: Schema.optionalKey(Money),
      currency: Schema.optionalKey(Currency),
      paymentFrequency: Schema.optionalKey(PaymentFrequency),
      autoRenew: Editable.autoRenew,
      notes: Editable.notes,
      insurance: Editable.insurance,
    }),
    invalidCode: invalid,
    response: Contract,
    errors: [
      notFound,
      { status: 409, code: "FLEET_CONTRACT_CANCELLED" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
  delete: endpoint({
    id: "contracts.delete",
    method: "delete",
    path: "/api/v1/contracts/:id",
    tag: "contracts",
    summary: "Delete a contract (its renewal keeps its own data and loses the link)",
    access: "contracts.manage",
    params: IdParams,
    errors: [notFound],
  }),
  cancel: endpoint({
    id: "contracts.cancel",
    method: "post",
    path: "/api/v1/contracts/:id/cancel",
    tag: "contracts",
    summary: "Cancel a contract before its end",
    access: "contracts.manage",
    params: IdParams,
    body: Schema.Struct({ reason: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))) }),
    bodyOptional: true,
    invalidCode: invalid,
    response: Contract,
    errors: [notFound, { status: 409, code: "FLEET_CONTRACT_CANCELLED" }],
  }),
  renew: endpoint({
    id: "contracts.renew",
    method: "post",
    path: "/api/v1/contracts/:id/renew",
    tag: "contracts",
    summary: "Renew: a copy of the contract with new dates (and optionally a new amount), linked to it",
    description:
      "Without dates the new term starts the day after the old end and lasts as long as the old term. A contract is renewed once; a cancelled one cannot be.",
    access: "contracts.manage",
    params: IdParams,
    body: Schema.Struct({
      startDate: Schema.optionalKey(IsoDate),
      endDate: Schema.optionalKey(IsoDate),
      amount: Schema.optionalKey(Money),
      number: Editable.number,
    }),
    bodyOptional: true,
    invalidCode: invalid,
    response: Contract,
    status: 201,
    errors: [
      notFound,
      { status: 409, code: "FLEET_CONTRACT_CANCELLED" },
      { status: 409, code: "FLEET_CONTRACT_ALREADY_RENEWED" },
    ],
  }),
} as const
