import type { Language } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { localizeError } from "../http/localizeError.js"

export interface Refusal {
  readonly code: string
  readonly field: string | null
  readonly message: string
}

/** A refused row's code, field and message in `language`: what the single endpoint would answer. */
export const refusalOf = (error: HttpError, language: Language): Refusal => {
  const localized = localizeError(error, language)
  const e = localized instanceof HttpError ? localized : error
  return { code: e.code, field: e.field ?? null, message: e.message }
}
