import type { Language, PeriodPreset, ReportId } from "@fleetcore/contract"
import { NOTIFICATION_TEXTS } from "../notifications/texts/renderNotification.js"
import { en } from "./texts/en.js"
import { kk } from "./texts/kk.js"
import { ru } from "./texts/ru.js"
import { tr } from "./texts/tr.js"

/** The words of exported reports in one language: every language has the same keys (a test checks). */
export interface ExportTexts {
  readonly titles: Readonly<Record<typeof ReportId.Type, string>>
  readonly columns: Readonly<Record<string, string>>
  readonly filters: Readonly<Record<string, string>>
  readonly presets: Readonly<Record<typeof PeriodPreset.Type, string>>
  readonly period: string
  readonly currency: string
  readonly total: string
  readonly generated: string
  readonly unconverted: string
  /** Under a PDF table too wide for cents. */
  readonly rounded: string
  /** Above a capped table: `{shown}` and `{total}` rows. */
  readonly capped: string
  /** Before the organisation's time zone, when a table has times of day. */
  readonly timezone: string
  /**
   * A report with vehicle-days on another zone's days (`otherZoneDays`): `{days}`, `{vehicles}`,
   * `{from}`, `{to}`, `{zones}`, `{zone}`; the replay command follows it.
   */
  readonly otherZoneDays: string
}

export const EXPORT_TEXTS: Readonly<Record<Language, ExportTexts>> = { en, ru, kk, tr }

/**
 * A column's label: the report's own word, else an expense category's name (the notification
 * texts' labels, so a category is called the same everywhere), capitalised in the language's rules.
 */
export const columnLabel = (language: Language, key: string): string => {
  const own = EXPORT_TEXTS[language].columns[key]
  if (own !== undefined) return own
  const category = NOTIFICATION_TEXTS[language].labels.category[key] ?? key
  return category.charAt(0).toLocaleUpperCase(language) + category.slice(1)
}

/**
 * The name of a `label` cell's key in `language`: the report's own word, else a contract type's
 * (the notification texts' names, so a type is called the same everywhere).
 */
export const valueLabel = (language: Language, key: string): string => {
  const own = EXPORT_TEXTS[language].columns[key]
  if (own !== undefined) return own
  return NOTIFICATION_TEXTS[language].labels.contractType[key] ?? key
}
