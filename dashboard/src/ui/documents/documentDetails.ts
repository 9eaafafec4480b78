import type { Document } from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"

type Written = Pick<typeof Document.Encoded, "title" | "number" | "issuedOn">

/**
 * What is written on a document in one line ("Driver Licence · No. DL-123 · Issued 10 May 2020"),
 * or null when nothing is (seed 003 step 4.4).
 */
export const documentDetails = (t: I18n["t"], format: Formatters, d: Written): string | null => {
  const parts = [
    d.title,
    d.number === null ? null : t("documents.numberShort", { number: d.number }),
    d.issuedOn === null ? null : t("documents.issuedShort", { date: format.day(d.issuedOn) }),
  ].filter((part): part is string => part !== null)
  return parts.length === 0 ? null : parts.join(" · ")
}
