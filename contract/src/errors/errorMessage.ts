import type { Language } from "./language.js"
import { ERROR_MESSAGES, type Messages } from "./messages.js"

const PLACEHOLDER = /\{([a-zA-Z]+)\}/gu

/** The placeholder names of a message template, sorted: "{field}: {detail}" → ["detail", "field"]. */
export const placeholdersOf = (template: string): ReadonlyArray<string> =>
  [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "").sort()

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
  if (template === undefined) return null
  let missing = false
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name]
    if (value === undefined) missing = true
    return value ?? ""
  })
  return missing ? null : text
}
