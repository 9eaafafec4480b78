import { errorMessage, explanationText, type Language } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { ExplainedError } from "./refuse.js"

/**
 * An error in the caller's language: the same status, code, field and headers, the message from
 * the catalogue (`@fleetcore/contract` ERROR_MESSAGES). English keeps the server's own message (it
 * is often more specific); so does a code the catalogue lacks. Placeholders: `field` (or "body"),
 * `detail` (why the input was refused, in `language`; else the English message), `seconds`
 * (from Retry-After). An explained refusal's `detail` is answered in `language` too.
 */
export const localizeError = (error: unknown, language: Language): unknown => {
  if (!(error instanceof HttpError) || language === "en") return error
  const detail = error instanceof ExplainedError ? explanationText(error.explanation, language) : null
  const message = errorMessage(error.code, language, {
    field: error.field ?? "body",
    detail: detail ?? error.message,
    seconds: error.headers["retry-after"],
  })
  return message === null ? error : error.withMessage(message, detail)
}
