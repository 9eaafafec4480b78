import {
  DisplayName,
  Locale,
  ORGANISATION_DEFAULTS,
  type Organisation,
  OrgCurrency,
  TimeZone,
  Units,
} from "@fleetcore/contract"
import { Schema } from "effect"
import { ApiError } from "../../api/ApiError"
import type { Locale as UiLocale } from "../../i18n/locales"
import { type NumberRule, numberOf, numberText } from "../../ui/form/numberText"

export type OrganisationView = (typeof Organisation)["Encoded"]

/** The audit log keeps entries this many days at least and at most (the contract's bounds). */
export const RETENTION_DAYS = { min: 30, max: 3650 } as const

const RETENTION: NumberRule = { fractionDigits: 0, ...RETENTION_DAYS }

/** The local hours the daily checks may run at: "0" … "23". */
export const CHECK_HOURS = Array.from({ length: 24 }, (_, h) => String(h))

const CheckHour = Schema.String.check(
  Schema.makeFilter<string>((s) => CHECK_HOURS.includes(s), { message: "an hour from 0 to 23" }),
)

/**
 * The organisation form: the contract's own field schemas over the form's strings (the retention
 * in days is typed as text and sent as a number).
 */
export const organisationForm = (uiLocale: UiLocale) =>
  Schema.Struct({
    name: DisplayName,
    description: Schema.String.check(Schema.isMaxLength(2000)),
    currency: OrgCurrency,
    timezone: TimeZone,
    language: Locale,
    units: Units,
    auditRetentionDays: numberText(uiLocale, RETENTION),
    dailyChecksHour: CheckHour,
  })
export type OrganisationFormValues = ReturnType<typeof organisationForm>["Encoded"]

/** What a new organisation starts with: the server's defaults. */
export const NEW_ORGANISATION: OrganisationFormValues = {
  name: "",
  description: "",
  currency: ORGANISATION_DEFAULTS.currency,
  timezone: ORGANISATION_DEFAULTS.timezone,
  language: ORGANISATION_DEFAULTS.language,
  units: ORGANISATION_DEFAULTS.units,
  auditRetentionDays: String(ORGANISATION_DEFAULTS.auditRetentionDays),
  dailyChecksHour: String(ORGANISATION_DEFAULTS.dailyChecksHour),
}

export const organisationFormValues = (org: OrganisationView): OrganisationFormValues => ({
  name: org.name,
  description: org.description ?? "",
  currency: org.settings.currency,
  timezone: org.settings.timezone,
  language: org.settings.language,
  units: org.settings.units,
  auditRetentionDays: String(org.settings.auditRetentionDays),
  dailyChecksHour: String(org.settings.dailyChecksHour),
})

/** The request body for create and update: an empty description is none. */
export const organisationBody = (values: OrganisationFormValues, uiLocale: UiLocale) => ({
  name: values.name,
  description: values.description.trim() === "" ? null : values.description.trim(),
  settings: {
    currency: values.currency,
    timezone: values.timezone,
    language: values.language,
    units: values.units,
    auditRetentionDays: numberOf(values.auditRetentionDays, uiLocale, RETENTION),
    dailyChecksHour: Number(values.dailyChecksHour),
  },
})

/** The server names a setting's field "settings.timezone"; the form's field is "timezone". */
export const settingsFieldError = (error: unknown): unknown =>
  error instanceof ApiError && error.field?.startsWith("settings.")
    ? new ApiError(
        error.status,
        error.code,
        error.message,
        error.field.slice("settings.".length),
        error.detail,
        {
          cause: error,
        },
      )
    : error
