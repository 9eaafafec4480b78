import { Schema } from "effect"

const positive = (message: string) =>
  Schema.String.check(
    Schema.makeFilter<string>((s) => /^\d+([.,]\d+)?$/u.test(s.trim()) && Number(s.replace(",", ".")) > 0, {
      message,
    }),
  )
const optionalMoney = Schema.String.check(
  Schema.makeFilter<string>((s) => s.trim() === "" || /^\d{1,12}([.,]\d{1,2})?$/u.test(s.trim()), {
    message: "amount",
  }),
)

/** A refuel as the phone form's strings: litres and odometer required (the consumption check needs both). */
export const RefuelForm = Schema.Struct({
  litres: positive("litres"),
  odometerKm: positive("odometerKm"),
  amount: optionalMoney,
})
export type RefuelValues = (typeof RefuelForm)["Encoded"]

export const OdometerForm = Schema.Struct({ valueKm: positive("valueKm") })
export type OdometerValues = (typeof OdometerForm)["Encoded"]

/** "12,5" (a Russian keyboard's decimal comma) and "12.5" are the same number. */
export const decimal = (s: string): number => Number(s.trim().replace(",", "."))
export const money = (s: string): string | null => (s.trim() === "" ? null : s.trim().replace(",", "."))
