import { explanationText, type Language, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { localizeError } from "../http/localizeError.js"

export interface Refusal {
  readonly code: string
  readonly field: string | null
  readonly message: string
}

/**
 * A refused row's code, field and message in `language`: what the single endpoint would answer,
 * except that a refusal of one of a CSV file's `columns` says so in the words of a spreadsheet
 * ("Столбец «year»: ожидается число…"): the header names the column, not a record's field.
 */
export const refusalOf = (
  error: HttpError,
  language: Language,
  columns: ReadonlyArray<string> = [],
): Refusal => {
  const localized = localizeError(error, language)
  const e = localized instanceof HttpError ? localized : error
  const column = e.field !== null && columns.includes(e.field) ? e.field : null
  const message =
    column === null || e.detail === null
      ? e.message
      : explanationText({ path: [], ...reason("inColumn", { column, reason: e.detail }) }, language)
  return { code: e.code, field: e.field ?? null, message }
}
