import { type Dictionary, en } from "./en"
import { kk } from "./kk"
import { ru } from "./ru"
import { tr } from "./tr"

export const locales = ["en", "ru", "kk", "tr"] as const
export type Locale = (typeof locales)[number]

export const dictionaries: Readonly<Record<Locale, Dictionary>> = { en, ru, kk, tr }

/** Each language's name in itself, for the language switcher. */
export const localeNames: Readonly<Record<Locale, string>> = {
  en: "English",
  ru: "Русский",
  kk: "Қазақша",
  tr: "Türkçe",
}

export const isLocale = (u: unknown): u is Locale =>
  typeof u === "string" && (locales as ReadonlyArray<string>).includes(u)

/** The supported language of a BCP 47 tag ("ru-KZ" -> "ru"), or undefined. */
export const matchLocale = (tag: string | null | undefined): Locale | undefined => {
  if (!tag) return undefined
  const language = tag.trim().toLowerCase().split(/[-_]/)[0]
  return isLocale(language) ? language : undefined
}
