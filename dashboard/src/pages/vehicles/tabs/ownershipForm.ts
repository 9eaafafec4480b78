import type { OWNER_TYPES, OwnershipRecord } from "@fleetcore/contract"
import { Schema } from "effect"

export type OwnershipView = (typeof OwnershipRecord)["Encoded"]

const date = (optional: boolean) =>
  Schema.String.check(
    Schema.makeFilter<string>((s) => (optional && s === "") || /^\d{4}-\d{2}-\d{2}$/u.test(s), {
      message: "date",
    }),
  )
const money = Schema.String.check(
  Schema.makeFilter<string>((s) => s === "" || /^\d{1,12}(\.\d{1,2})?$/u.test(s), { message: "money" }),
)

/** A period of ownership as the form's strings; the server decides overlaps. */
export const OwnershipForm = Schema.Struct({
  ownerType: Schema.String,
  ownerName: Schema.String.check(Schema.makeFilter<string>((s) => s.trim() !== "", { message: "name" })),
  from: date(false),
  to: date(true),
  purchasePrice: money,
  salePrice: money,
  currency: Schema.String,
  notes: Schema.String,
})
export type OwnershipValues = (typeof OwnershipForm)["Encoded"]

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

export const ownershipBody = (v: OwnershipValues) => {
  const purchasePrice = orNull(v.purchasePrice)
  const salePrice = orNull(v.salePrice)
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
