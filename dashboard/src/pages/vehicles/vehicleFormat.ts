import type { Formatters } from "../../i18n/format"

/** A decimal amount with its currency through the language's number format: "1,200.00 EUR". */
export const formatMoney = (format: Formatters, amount: string | null, currency: string | null): string =>
  amount === null ? "" : currency === null ? amount : format.money(amount, currency)

/** Kilometres with one decimal at most, in the language's number format. */
export const formatKm = (format: Formatters, km: number): string => format.distanceKm(km * 1000)
