import { type CheckMessageKey, isCheckMessageKey } from "./checkMessages.js"
import type { Explanation, ExplanationValue } from "./explainIssue.js"
import type { SchemaIssueMessageKey } from "./schemaIssueMessages.js"

/** Why an input is refused, as data: a message of the catalogue and its values, before where. */
export type Reason = Omit<Explanation, "path">

/** A message a reason may give: one of ours, or a schema's own wording where it fits. */
export type ReasonKey = CheckMessageKey | SchemaIssueMessageKey

/** A placeholder's value: text as it is sent, a number (written per language), or any ExplanationValue. */
export type ReasonValue = string | number | ExplanationValue

/**
 * The reason of a rule checked by hand, by its key in CHECK_MESSAGES (or SCHEMA_ISSUE_MESSAGES,
 * when a schema's own wording fits), put into the caller's words by `explanationText`.
 */
export const reason = (key: ReasonKey, values: Readonly<Record<string, ReasonValue>> = {}): Reason => ({
  message: isCheckMessageKey(key) ? { kind: "check", key } : { kind: "issue", key },
  values: Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      typeof value === "string" ? { text: value } : typeof value === "number" ? { number: value } : value,
    ]),
  ),
})
