import { EXPORT_FORMATS, REPORT_IDS, SCHEDULE_FREQUENCIES, SCHEDULE_PERIODS } from "@fleetcore/contract"
import { createUniqueId, For, Show } from "solid-js"
import { useI18n } from "../../../i18n/I18nContext"
import type { SchemaForm } from "../../../ui/form/createSchemaForm"
import { FormError } from "../../../ui/form/FormError"
import { SelectField } from "../../../ui/form/SelectField"
import { TextAreaField } from "../../../ui/form/TextAreaField"
import { TextField } from "../../../ui/form/TextField"
import { localeOptions } from "../../users/UserFields"
import type { ScheduleValues } from "./scheduleForm"
import { hourLabel, weekdayName } from "./scheduleTexts"

/** The schedule form's fields (new and edit share them). */
export const ScheduleFields = (props: { readonly form: SchemaForm<ScheduleValues> }) => {
  const { t, locale } = useI18n()
  const form = props.form
  const formatsId = createUniqueId()
  const frequency = form.form.useStore((s) => s.values.frequency)
  return (
    <>
      <form.form.Field name="name">
        {(field) => (
          <TextField
            field={field}
            label={t("reportSchedules.name")}
            data-testid="schedule-name"
            invalid={t("reportSchedules.nameInvalid")}
            {...form.serverProps("name")}
          />
        )}
      </form.form.Field>
      <div class="form--pair form--top">
        <form.form.Field name="report">
          {(field) => (
            <SelectField
              field={field}
              label={t("reportSchedules.report")}
              testId="schedule-report"
              options={REPORT_IDS.map((id) => ({ value: id, label: t(`reports.${id}`) }))}
              {...form.serverProps("report")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="period">
          {(field) => (
            <SelectField
              field={field}
              label={t("reportSchedules.period")}
              testId="schedule-period"
              options={SCHEDULE_PERIODS.map((p) => ({ value: p, label: t(`reports.preset_${p}`) }))}
              {...form.serverProps("period")}
            />
          )}
        </form.form.Field>
      </div>
      <div class="form--pair form--top">
        <form.form.Field name="frequency">
          {(field) => (
            <SelectField
              field={field}
              label={t("reportSchedules.frequency")}
              testId="schedule-frequency"
              options={SCHEDULE_FREQUENCIES.map((f) => ({
                value: f,
                label: t(`reportSchedules.frequency_${f}`),
              }))}
              {...form.serverProps("frequency")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="hour">
          {(field) => (
            <SelectField
              field={field}
              label={t("reportSchedules.hour")}
              testId="schedule-hour"
              options={Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: hourLabel(h) }))}
              {...form.serverProps("hour")}
            />
          )}
        </form.form.Field>
      </div>
      <Show when={frequency() === "weekly"}>
        <form.form.Field name="weekday">
          {(field) => (
            <SelectField
              field={field}
              label={t("reportSchedules.weekday")}
              testId="schedule-weekday"
              options={Array.from({ length: 7 }, (_, i) => ({
                value: String(i + 1),
                label: weekdayName(locale(), i + 1),
              }))}
              {...form.serverProps("weekday")}
            />
          )}
        </form.form.Field>
      </Show>
      <Show when={frequency() === "monthly"}>
        <form.form.Field name="monthDay">
          {(field) => (
            <SelectField
              field={field}
              label={t("reportSchedules.monthDay")}
              hint={t("reportSchedules.monthDayHint")}
              testId="schedule-month-day"
              options={Array.from({ length: 31 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
              {...form.serverProps("monthDay")}
            />
          )}
        </form.form.Field>
      </Show>
      <form.form.Field name="formats">
        {(field) => {
          const chosen = () =>
            field()
              .state.value.split(",")
              .filter((f) => f !== "")
          const toggle = (format: string, on: boolean) => {
            const next = EXPORT_FORMATS.filter((f) => (f === format ? on : chosen().includes(f)))
            field().handleChange(next.join(","))
            form.clearServerError("formats")
          }
          return (
            <fieldset class="form-field schedule-formats" aria-describedby={`${formatsId}-note`}>
              <legend class="form-field__label">{t("reportSchedules.formats")}</legend>
              <div class="schedule-formats__options">
                <For each={EXPORT_FORMATS}>
                  {(format) => (
                    <label
                      class="schedule-formats__option"
                      classList={{ "schedule-formats__option--on": chosen().includes(format) }}
                    >
                      <input
                        type="checkbox"
                        checked={chosen().includes(format)}
                        data-testid={`schedule-format-${format}`}
                        onChange={(e) => toggle(format, e.currentTarget.checked)}
                      />
                      <span>{format.toUpperCase()}</span>
                    </label>
                  )}
                </For>
              </div>
              <Show when={chosen().length === 0}>
                <p class="form-field__error" id={`${formatsId}-note`}>
                  {t("reportSchedules.formatsInvalid")}
                </p>
              </Show>
            </fieldset>
          )
        }}
      </form.form.Field>
      <form.form.Field name="recipients">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("reportSchedules.recipients")}
            hint={t("reportSchedules.recipientsHint")}
            invalid={t("reportSchedules.recipientsInvalid")}
            rows={3}
            testId="schedule-recipients"
            {...form.serverProps("recipients")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="language">
        {(field) => (
          <SelectField
            field={field}
            label={t("reportSchedules.language")}
            testId="schedule-language"
            options={localeOptions()}
            {...form.serverProps("language")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
    </>
  )
}
