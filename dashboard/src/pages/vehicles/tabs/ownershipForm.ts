import type { OWNER_TYPES, OwnershipRecord } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../../i18n/locales"
import { MONEY, optionalNumberText, readNumber } from "../../../ui/form/numberText"

export type OwnershipView = (typeof OwnershipRecord)["Encoded"]

const date = (optional: boolean) =>
  Schema.String.check(
    Schema.makeFilter<string>((s) => (optional && s === "") || /^\d{4}-\d{2}-\d{2}$/u.test(s), {
      message: "date",
    }),
  )
/** A period of ownership as the form's strings; the server decides overlaps. */
export const ownershipForm = (locale: Locale) =>
  Schema.Struct({
    ownerType: Schema.String,
    ownerName: Schema.String.check(Schema.makeFilter<string>((s) => s.trim() !== "", { message: "name" })),
    from: date(false),
    to: date(true),
    purchasePrice: optionalNumberText(locale, MONEY),
    salePrice: optionalNumberText(locale, MONEY),
    currency: Schema.String,
    notes: Schema.String,
  })
export type OwnershipValues = ReturnType<typeof ownershipForm>["Encoded"]

export const NEW_OWNERSHIP: OwnershipValues = {
  ownerType: "company",
  ownerName: "",
  from: "",
  to: "",
  purchasePrice: "",
  salePrice: "",
  currency: "KZT",
  notes: "",
}

const orNull = (s: string): string | null => (s.trim() === "" ? null : s.trim())

/** Prices as decimal strings, read in `locale`. */
export const ownershipBody = (v: OwnershipValues, locale: Locale) => {
  const purchasePrice = readNumber(v.purchasePrice, locale, MONEY)
  const salePrice = readNumber(v.salePrice, locale, MONEY)
  return {
    ownerType: v.ownerType as (typeof OWNER_TYPES)[number],
    ownerName: v.ownerName.trim(),
    from: v.from,
    to: orNull(v.to),
    purchasePrice,
    salePrice,
    currency: purchasePrice === null && salePrice === null ? null : orNull(v.currency),
    notes: orNull(v.notes),
  }
}
