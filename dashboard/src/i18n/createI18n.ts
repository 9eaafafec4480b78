import * as i18n from "@solid-primitives/i18n"
import { type Accessor, createEffect, createMemo, createSignal, on } from "solid-js"
import { type Formatters, makeFormatters } from "./format"
import { dictionaries, isLocale, type Locale, matchLocale } from "./locales"
import { browserTimeZone } from "./timeZone"

const STORAGE_KEY = "fleetcore.locale"

const readStoredLocale = (): Locale | undefined => {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    return isLocale(stored) ? stored : undefined
  } catch {
    return undefined
  }
}

const browserLocale = (): Locale | undefined => {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const locale = matchLocale(tag)
    if (locale) return locale
  }
  return undefined
}

export interface I18n {
  readonly locale: Accessor<Locale>
  /** Chooses a language and remembers the choice in this browser. */
  readonly setLocale: (locale: Locale) => void
  readonly t: ReturnType<typeof makeTranslator>
  /** Formatters of the language, showing instants in `zone`. */
  readonly format: Accessor<Formatters>
  /** The IANA zone the UI speaks (`uiTimeZone`): formatters, days and date inputs all use it. */
  readonly zone: Accessor<string>
}

const makeTranslator = (dict: Accessor<i18n.Flatten<(typeof dictionaries)["en"]>>) =>
  i18n.translator(dict, i18n.resolveTemplate)

/**
 * The active language: the signed-in user's (their profile), else the one last chosen in this
 * browser (the login page), else the browser's, else English. Keeps `<html lang>` in step.
 * Times are shown in `zone` (the browser's when not given).
 */
export const createI18n = (
  userLocale: Accessor<string | undefined>,
  zoneOf: Accessor<string> = browserTimeZone,
): I18n => {
  // Read from the session's user, which is replaced on every profile change (a theme, say): what
  // depends on the zone (formatters, a replay's "last 7 days") must not be worked out again then.
  const zone = createMemo(zoneOf)
  const [chosen, setChosen] = createSignal<Locale | undefined>(readStoredLocale())
  const locale = createMemo<Locale>(() => chosen() ?? matchLocale(userLocale()) ?? browserLocale() ?? "en")
  const dict = createMemo(() => i18n.flatten(dictionaries[locale()]))
  const t = makeTranslator(dict)
  const format = createMemo(() =>
    makeFormatters(
      locale(),
      {
        unit: (unit, value) => t(`intlFallback.${unit}`, { value }),
        relative: (unit, value) => t(`intlFallback.${unit}`, { value }),
      },
      zone(),
    ),
  )

  const setLocale = (next: Locale) => {
    setChosen(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Storage may be disabled (private mode); the choice still holds for this page.
    }
  }
  // Signing in (or a profile change) brings the user's own language.
  createEffect(
    on(userLocale, (tag) => {
      const next = matchLocale(tag)
      if (next !== undefined) setLocale(next)
    }),
  )
  createEffect(() => {
    document.documentElement.lang = locale()
  })

  return {
    locale,
    setLocale,
    t,
    format,
    zone,
  }
}
