import { IntlMessageFormat, type PrimitiveType } from "intl-messageformat"
import { type AlertFactValues, alertFactLines } from "./alertFacts.js"
import {
  LABELLED,
  LATER_PARAMS,
  MESSAGE_KEYS,
  type MessageKey,
  type NotificationTexts,
} from "./NotificationTexts.js"
import { notificationTextsEn } from "./notificationTextsEn.js"
import { notificationTextsKk } from "./notificationTextsKk.js"
import { notificationTextsRu } from "./notificationTextsRu.js"
import { notificationTextsTr } from "./notificationTextsTr.js"

export const NOTIFICATION_LOCALES = ["en", "ru", "kk", "tr"] as const
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number]

/** Every language's notification texts: the one place the server's texts live. */
export const NOTIFICATION_TEXTS: Readonly<Record<NotificationLocale, NotificationTexts>> = {
  en: notificationTextsEn,
  ru: notificationTextsRu,
  kk: notificationTextsKk,
  tr: notificationTextsTr,
}

/** A message's parameters as stored on the event (jsonb): days as "YYYY-MM-DD", instants as ISO. */
export type MessageParams = Readonly<Record<string, string | number | boolean | null>>

export const localeOf = (locale: string | null | undefined): NotificationLocale =>
  (NOTIFICATION_LOCALES as ReadonlyArray<string>).includes(locale ?? "")
    ? (locale as NotificationLocale)
    : "en"

const isMessageKey = (key: string): key is MessageKey => (MESSAGE_KEYS as ReadonlyArray<string>).includes(key)

/** Compiled messages by language, time zone and text; bounded (a few dozen texts × zones in use). */
const compiled = new Map<string, IntlMessageFormat>()
const MAX_COMPILED = 1_000

const compile = (text: string, locale: NotificationLocale, timeZone: string): IntlMessageFormat => {
  const key = `${locale}\u0000${timeZone}\u0000${text}`
  let format = compiled.get(key)
  if (format === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear()
    format = new IntlMessageFormat(text, locale, {
      date: {
        // A calendar day ("2026-03-01") is the same day everywhere: formatted at UTC midnight in UTC.
        day: { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" },
        // An instant in the zone it is rendered for (a reader's own, else the organisation's), named.
        moment: {
          year: "numeric",
          month: "short",
          day: "numeric",
          hour: "2-digit",
          minute: "2-digit",
          timeZone,
          timeZoneName: "short",
        },
      },
    })
    compiled.set(key, format)
  }
  return format
}

const DAY = /^\d{4}-\d{2}-\d{2}$/u

/**
 * The values a message is formatted with: days (`…On`, "YYYY-MM-DD") and instants (`…At`, ISO) as
 * dates, a label (`xName`) for each coded parameter (`alertType`, `category`…), amounts (`xMoney`,
 * a decimal string, in `currency`) as money `x` in the reader's conventions, null as "none".
 */
const valuesOf = (
  params: MessageParams,
  texts: NotificationTexts,
  locale: NotificationLocale,
): Record<string, PrimitiveType> => {
  const values: Record<string, PrimitiveType> = {}
  const currency = typeof params.currency === "string" ? params.currency : null
  for (const [name, value] of Object.entries(params)) {
    if (value === null) values[name] = "none"
    else if (name.endsWith("Money") && currency !== null && typeof value === "string")
      values[name.slice(0, -"Money".length)] = new Intl.NumberFormat(locale, {
        style: "currency",
        currency,
        // As the dashboard shows money (₸, not "KZT").
        currencyDisplay: "narrowSymbol",
      }).format(Number(value))
    else if (typeof value === "string" && name.endsWith("On") && DAY.test(value))
      values[name] = new Date(`${value}T00:00:00Z`)
    else if (typeof value === "string" && name.endsWith("At") && !Number.isNaN(Date.parse(value)))
      values[name] = new Date(value)
    else values[name] = value
  }
  for (const name of LABELLED) {
    const code = params[name]
    const labels: Readonly<Record<string, string>> = texts.labels[name]
    const english: Readonly<Record<string, string>> = notificationTextsEn.labels[name]
    if (typeof code === "string") values[`${name}Name`] = labels[code] ?? english[code] ?? code
  }
  return values
}

/**
 * An alert's facts under its body: `facts` (JSON of the details, alertFacts.ts) told in the reader's
 * language and units; events stored before it carry `details`, lines of the English "key: value".
 */
const factsText = (
  params: MessageParams | null,
  texts: NotificationTexts,
  lang: NotificationLocale,
  timeZone: string,
): string => {
  const facts = params?.facts
  if (typeof facts === "string") {
    const parsed: unknown = JSON.parse(facts)
    if (typeof parsed === "object" && parsed !== null)
      return alertFactLines(parsed as AlertFactValues, texts, lang, timeZone).join("\n")
  }
  return typeof params?.details === "string" ? params.details : ""
}

/**
 * An event's title and body in the reader's language, dates and numbers in its conventions; null
 * when the event carries no message key (older rows) or the message cannot be formatted: the stored
 * English text is shown then.
 */
export const renderNotification = (
  key: string | null,
  params: MessageParams | null,
  locale: string | null | undefined,
  timeZone: string,
): { readonly title: string; readonly body: string } | null => {
  if (key === null || !isMessageKey(key)) return null
  const lang = localeOf(locale)
  const texts = NOTIFICATION_TEXTS[lang]
  const message = texts.messages[key]
  const later = Object.fromEntries((LATER_PARAMS[key] ?? []).map((name) => [name, null]))
  const values = valuesOf({ ...later, ...params }, texts, lang)
  try {
    const title = String(compile(message.title, lang, timeZone).format(values))
    const body = String(compile(message.body, lang, timeZone).format(values))
    const details = factsText(params, texts, lang, timeZone)
    return {
      title: title.slice(0, 300),
      body: (details !== "" ? `${body}\n${details}` : body).slice(0, 4000),
    }
  } catch {
    return null
  }
}

/** What an e-mail's subject starts with for a severity, in the reader's language. */
export const severityMark = (locale: string | null | undefined, severity: "info" | "warning" | "critical") =>
  NOTIFICATION_TEXTS[localeOf(locale)].severity[severity]
