import { errorMessage, explanationText, type Language } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { InvalidInput } from "./decode.js"

/**
 * An error in the caller's language: the same status, code, field and headers, the message from
 * the catalogue (`@fleetcore/contract` ERROR_MESSAGES). English keeps the server's own message (it
 * is often more specific); so does a code the catalogue lacks. Placeholders: `field` (or "body"),
 * `detail` (why the input failed its schema, in `language`; else the English message), `seconds`
 * (from Retry-After).
 */
export const localizeError = (error: unknown, language: Language): unknown => {
  if (!(error instanceof HttpError) || language === "en") return error
  const message = errorMessage(error.code, language, {
    field: error.field ?? "body",
    detail: error instanceof InvalidInput ? explanationText(error.explanation, language) : error.message,
    seconds: error.headers["retry-after"],
  })
  return message === null
    ? error
    : new HttpError(error.status, error.code, message, error.field, error.headers)
}
