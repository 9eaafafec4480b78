import { Schema } from "effect"
import { explained } from "../errors/checkMessages.js"
import { ROLES } from "../roles.js"
import { Uuid } from "../schemas.js"

/** The languages of the UI and of error messages. */
export const LOCALES = ["en", "ru", "kk", "tr"] as const
export const Locale = Schema.Literals(LOCALES)

export const THEMES = ["light", "dark", "system"] as const
export const Theme = Schema.Literals(THEMES)

/** The currencies an organisation may keep its books in. */
export const CURRENCIES = ["KZT", "RUB", "USD", "EUR", "TRY"] as const
export const OrgCurrency = Schema.Literals(CURRENCIES)

export const UNITS = ["metric", "imperial"] as const
export const Units = Schema.Literals(UNITS)

export const RoleName = Schema.Literals(ROLES)

const isTimeZone = (s: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: s })
    return true
  } catch {
    return false
  }
}

/** An IANA time zone such as "Asia/Almaty". */
export const TimeZone = Schema.String.check(
  Schema.isMaxLength(64),
  Schema.makeFilter<string>(isTimeZone, explained("timeZone")),
)

/** A path `:id` that must be a UUID; anything else is a 404 of the entity, never a 500. */
export const IdParams = Schema.Struct({ id: Uuid })

/** A person's or an organisation's display name. */
export const DisplayName = Schema.String.check(
  Schema.isTrimmed(),
  Schema.isMinLength(1),
  Schema.isMaxLength(200),
)

/** An e-mail address, compared case-insensitively (stored lower-case). */
export const Email = Schema.String.check(
  Schema.isMaxLength(320),
  Schema.isPattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/u, explained("email")),
)

/** A phone number in international form, "+7 701 123 4567". */
export const Phone = Schema.String.check(Schema.isPattern(/^\+[0-9 ()-]{6,24}$/u, explained("phone")))
