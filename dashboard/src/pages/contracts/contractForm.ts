import {
  type Contract,
  ContractType,
  Currency,
  INSURANCE_TYPES,
  IsoDate,
  PaymentFrequency,
  Uuid,
} from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import {
  decimalOf,
  MONEY,
  numberInput,
  numberText,
  optionalNumberText,
  readNumber,
} from "../../ui/form/numberText"

type ContractView = (typeof Contract)["Encoded"]

const Optional = <S extends Schema.Top & { readonly Encoded: string; readonly Type: string }>(s: S) =>
  Schema.Union([Schema.Literal(""), s])
const Text = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(max))

/** A contract as the form holds it: the contract's own field schemas over strings ("" = none). */
export const contractForm = (locale: Locale) =>
  Schema.Struct({
    vehicleId: Uuid,
    type: ContractType,
    contractor: Text(200),
    number: Optional(Text(100)),
    startDate: IsoDate,
    endDate: IsoDate,
    amount: numberText(locale, MONEY),
    currency: Currency,
    paymentFrequency: PaymentFrequency,
    autoRenew: Schema.Boolean,
    notes: Schema.String.check(Schema.isMaxLength(4000)),
    sumInsured: optionalNumberText(locale, MONEY),
    deductible: optionalNumberText(locale, MONEY),
    /** Comma-separated in the form; a list in the API. */
    coveredRisks: Schema.String.check(Schema.isMaxLength(2000)),
    policyHolder: Optional(Text(200)),
  })
export type ContractValues = ReturnType<typeof contractForm>["Encoded"]

export const isInsuranceType = (type: string): boolean =>
  (INSURANCE_TYPES as ReadonlyArray<string>).includes(type)

export const newContractValues = (vehicleId: string, currency: string): ContractValues => ({
  vehicleId,
  type: "leasing",
  contractor: "",
  number: "",
  startDate: "",
  endDate: "",
  amount: "",
  currency,
  paymentFrequency: "monthly",
  autoRenew: false,
  notes: "",
  sumInsured: "",
  deductible: "",
  coveredRisks: "",
  policyHolder: "",
})

export const contractValues = (c: ContractView, locale: Locale): ContractValues => ({
  vehicleId: c.vehicleId,
  type: c.type,
  contractor: c.contractor,
  number: c.number ?? "",
  startDate: c.startDate,
  endDate: c.endDate,
  amount: numberInput(c.amount, locale),
  currency: c.currency,
  paymentFrequency: c.paymentFrequency,
  autoRenew: c.autoRenew,
  notes: c.notes ?? "",
  sumInsured: numberInput(c.insurance?.sumInsured, locale),
  deductible: numberInput(c.insurance?.deductible, locale),
  coveredRisks: c.insurance?.coveredRisks.join(", ") ?? "",
  policyHolder: c.insurance?.policyHolder ?? "",
})

const orNull = (s: string): string | null => (s.trim() === "" ? null : s.trim())

/** The create/update body: insurance coverage only for an insurance type. */
export const contractBody = (v: ContractValues, locale: Locale) => ({
  vehicleId: v.vehicleId,
  type: v.type,
  contractor: v.contractor,
  number: orNull(v.number),
  startDate: v.startDate,
  endDate: v.endDate,
  amount: decimalOf(v.amount, locale, MONEY),
  currency: v.currency,
  paymentFrequency: v.paymentFrequency,
  autoRenew: v.autoRenew,
  notes: orNull(v.notes),
  ...(isInsuranceType(v.type)
    ? {
        insurance: {
          sumInsured: readNumber(v.sumInsured, locale, MONEY),
          deductible: readNumber(v.deductible, locale, MONEY),
          coveredRisks: v.coveredRisks
            .split(",")
            .map((r) => r.trim())
            .filter((r) => r !== ""),
          policyHolder: orNull(v.policyHolder),
        },
      }
    : {}),
})
