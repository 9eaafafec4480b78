import { CURRENCIES, UNITS } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { localeNames, locales } from "../../i18n/locales"
import type { SchemaForm } from "../../ui/form/createSchemaForm"
import { SelectField } from "../../ui/form/SelectField"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import { TimeZoneField } from "../../ui/form/TimeZoneField"
import { CHECK_HOURS, type OrganisationFormValues, RETENTION_DAYS } from "./organisationForm"

const currencyName = (locale: string, code: string): string => {
  try {
    return new Intl.DisplayNames(locale, { type: "currency" }).of(code) ?? code
  } catch {
    return code
  }
}

/** A local hour as the reader writes clock times ("08:00", "8:00 AM"). */
const clockHour = (locale: string, hour: number): string =>
  new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(
    Date.UTC(2000, 0, 1, hour),
  )

/** An organisation's name, description and settings; shared by the create, edit and settings pages. */
export const OrganisationFields = (props: { readonly form: SchemaForm<OrganisationFormValues> }) => {
  const { t, locale } = useI18n()
  const f = props.form
  return (
    <>
      <f.form.Field name="name">
        {(field) => (
          <TextField
            field={field}
            label={t("organisations.name")}
            data-testid="org-name-input"
            autocomplete="organization"
            invalid={t("organisations.nameInvalid")}
            {...f.serverProps("name")}
          />
        )}
      </f.form.Field>
      <f.form.Field name="description">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("organisations.descriptionField")}
            hint={t("organisations.descriptionHint")}
            invalid={t("organisations.descriptionInvalid")}
            maxLength={2000}
            testId="org-description"
            {...f.serverProps("description")}
          />
        )}
      </f.form.Field>
      <div class="form--pair form--top">
        <f.form.Field name="currency">
          {(field) => (
            <SelectField
              field={field}
              label={t("organisations.currency")}
              testId="org-currency"
              options={CURRENCIES.map((code) => ({
                value: code,
                label: `${code} · ${currencyName(locale(), code)}`,
              }))}
            />
          )}
        </f.form.Field>
        <f.form.Field name="timezone">
          {(field) => (
            <TimeZoneField
              field={field}
              label={t("organisations.timezone")}
              placeholder={t("organisations.timezoneSearch")}
              testId="org-timezone"
              {...f.serverProps("timezone")}
            />
          )}
        </f.form.Field>
      </div>
      <div class="form--pair form--top">
        <f.form.Field name="language">
          {(field) => (
            <SelectField
              field={field}
              label={t("organisations.language")}
              hint={t("organisations.languageHint")}
              testId="org-language"
              options={locales.map((code) => ({ value: code, label: localeNames[code] }))}
            />
          )}
        </f.form.Field>
        <f.form.Field name="units">
          {(field) => (
            <SelectField
              field={field}
              label={t("organisations.units")}
              testId="org-units"
              options={UNITS.map((unit) => ({ value: unit, label: t(`organisations.units_${unit}`) }))}
            />
          )}
        </f.form.Field>
      </div>
      <div class="form--pair form--top">
        <f.form.Field name="auditRetentionDays">
          {(field) => (
            <TextField
              field={field}
              label={t("organisations.auditRetention")}
              hint={t("organisations.auditRetentionHint", {
                min: String(RETENTION_DAYS.min),
                max: String(RETENTION_DAYS.max),
              })}
              invalid={t("organisations.auditRetentionInvalid", {
                min: String(RETENTION_DAYS.min),
                max: String(RETENTION_DAYS.max),
              })}
              inputMode="numeric"
              data-testid="org-retention"
              {...f.serverProps("auditRetentionDays")}
            />
          )}
        </f.form.Field>
        <f.form.Field name="dailyChecksHour">
          {(field) => (
            <SelectField
              field={field}
              label={t("organisations.dailyChecksHour")}
              hint={t("organisations.dailyChecksHourHint")}
              testId="org-checks-hour"
              options={CHECK_HOURS.map((h) => ({ value: h, label: clockHour(locale(), Number(h)) }))}
              {...f.serverProps("dailyChecksHour")}
            />
          )}
        </f.form.Field>
      </div>
    </>
  )
}
