import {
  ERROR_MESSAGES,
  type Explanation,
  explanationText,
  type Messages,
  type Reason,
} from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"

/**
 * A refusal whose reason is data (`explanation`: explainIssue, or `reason(key)` for a rule checked
 * by hand), so localizeError answers it in the caller's language. The message and `detail` are
 * English; `label` prefixes the message ("endsAt: must be after the start").
 */
export class ExplainedError extends HttpError {
  constructor(
    status: number,
    code: string,
    readonly explanation: Explanation,
    field: string | null,
    label: string | null = field,
  ) {
    const detail = explanationText(explanation, "en")
    super(status, code, label === null ? detail : `${label}: ${detail}`, field, {}, detail)
  }
}

/**
 * A refusal of a rule the handler checks by hand (one a schema cannot say): `status`, the stable
 * `code`, the `field` at fault as the body names it (or null), and why, from the catalogue.
 * Handlers refuse with this, never with an `HttpError` carrying an English sentence for
 * `{detail}` (refusals.test.ts).
 */
export const refuse = (status: number, code: string, field: string | null, why: Reason): ExplainedError =>
  new ExplainedError(
    status,
    code,
    { path: field === null ? [] : [field], ...why },
    field,
    namesField(code) ? field : null,
  )

const catalogue: Readonly<Record<string, Messages>> = ERROR_MESSAGES

/**
 * Whether a code's message names the field ("Assignment {field}: {detail}"): its English message
 * then does too ("endsAt: must be after the start"); else it is the reason alone, as the frame
 * ("The query was refused: {detail}") is the code's to say.
 */
const namesField = (code: string): boolean =>
  !Object.hasOwn(catalogue, code) || (catalogue[code]?.en.includes("{field}") ?? true)
