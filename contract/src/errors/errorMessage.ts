import type { Language } from "./language.js"
import { ERROR_MESSAGES, type Messages } from "./messages.js"
import { fillPlaceholders } from "./placeholders.js"

const catalogue: Readonly<Record<string, Messages>> = ERROR_MESSAGES

/**
 * The message of a stable error code in `language`, its placeholders filled from `values`; null
 * when the code is not in the catalogue or a placeholder has no value (the caller keeps its own).
 */
export const errorMessage = (
  code: string,
  language: Language,
  values: Readonly<Record<string, string | undefined>>,
): string | null => {
  const template = Object.hasOwn(catalogue, code) ? catalogue[code]?.[language] : undefined
  return template === undefined ? null : fillPlaceholders(template, values)
}
