import { LOCALES } from "../endpoints/common.js"

/** A language of the UI and of error messages. */
export type Language = (typeof LOCALES)[number]

export const DEFAULT_LANGUAGE: Language = "en"

export const isLanguage = (value: string): value is Language =>
  (LOCALES as ReadonlyArray<string>).includes(value)

/**
 * The caller's language from an `Accept-Language` header (RFC 9110 §12.5.4): the supported
 * language with the highest weight, matching on the primary subtag ("ru-RU" is ru); English when
 * none is supported. Weights of 0 exclude a language.
 */
export const languageOf = (acceptLanguage: string | undefined): Language => {
  if (acceptLanguage === undefined || acceptLanguage === "") return DEFAULT_LANGUAGE
  let best: { readonly language: Language; readonly weight: number } | null = null
  for (const part of acceptLanguage.slice(0, 512).split(",")) {
    const [tag = "", ...parameters] = part.trim().split(";")
    const primary = tag.trim().toLowerCase().split("-")[0] ?? ""
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="))
    const weight = q === undefined ? 1 : Number(q.slice(2))
    if (!isLanguage(primary) || !Number.isFinite(weight) || weight <= 0) continue
    if (best === null || weight > best.weight) best = { language: primary, weight }
  }
  return best?.language ?? DEFAULT_LANGUAGE
}
