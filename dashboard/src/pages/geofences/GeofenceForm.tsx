import { GeofenceWeekdays } from "@fleetcore/contract"
import { For, type JSX, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SelectField } from "../../ui/form/SelectField"
import { TextField } from "../../ui/form/TextField"
import { type GeofenceValues, geofenceFormSchema } from "./geofenceForm"

/** Name, dwell, which crossings alert, the schedule and the active switch of one fence. */
export const GeofenceForm = (props: {
  readonly initial: GeofenceValues
  readonly onSubmit: (values: GeofenceValues) => Promise<void>
  /** False until a shape is drawn. */
  readonly ready: boolean
  readonly readOnly: boolean
  readonly actions?: JSX.Element
}) => {
  const { t, locale } = useI18n()
  const form = createSchemaForm({
    schema: geofenceFormSchema(locale()),
    defaultValues: props.initial,
    onSubmit: props.onSubmit,
  })
  const f = form.form
  return (
    <form class="form geofence-form" onSubmit={form.handleSubmit} data-testid="geofence-form" novalidate>
      <fieldset disabled={props.readOnly} class="geofence-form__fields">
        <f.Field name="name">
          {(field) => (
            <TextField
              field={field}
              label={t("geofences.name")}
              autocomplete="off"
              data-testid="geofence-name"
              invalid={t("geofences.nameInvalid")}
              {...form.serverProps("name")}
            />
          )}
        </f.Field>
        <f.Field name="dwellS">
          {(field) => (
            <TextField
              field={field}
              label={t("geofences.dwell")}
              hint={t("geofences.dwellHint")}
              inputmode="numeric"
              data-testid="geofence-dwell"
              invalid={t("geofences.dwellInvalid")}
              {...form.serverProps("dwellS")}
            />
          )}
        </f.Field>
        <f.Field name="alertOn">
          {(field) => (
            <SelectField
              field={field}
              label={t("geofences.alertOn")}
              testId="geofence-alert-on"
              options={[
                { value: "both", label: t("geofences.alertOn_both") },
                { value: "enter", label: t("geofences.alertOn_enter") },
                { value: "exit", label: t("geofences.alertOn_exit") },
              ]}
              {...form.serverProps("alertOn")}
            />
          )}
        </f.Field>
        <fieldset class="geofence-form__schedule">
          <legend>{t("geofences.schedule")}</legend>
          <f.Field name="always">
            {(field) => (
              <label class="geofence-check">
                <input
                  type="checkbox"
                  data-testid="geofence-always"
                  checked={field().state.value}
                  onChange={(e) => field().handleChange(e.currentTarget.checked)}
                />
                <span>{t("geofences.always")}</span>
              </label>
            )}
          </f.Field>
          <f.Subscribe selector={(s) => s.values.always}>
            {(always) => (
              <Show when={!always()}>
                <f.Field name="days">
                  {(field) => (
                    <fieldset class="geofence-days" aria-label={t("geofences.days")}>
                      <For each={GeofenceWeekdays}>
                        {(day) => (
                          <label class="geofence-day">
                            <input
                              type="checkbox"
                              data-testid={`geofence-day-${day}`}
                              checked={field().state.value.includes(day)}
                              onChange={(e) =>
                                field().handleChange(
                                  e.currentTarget.checked
                                    ? [...field().state.value, day]
                                    : field().state.value.filter((d) => d !== day),
                                )
                              }
                            />
                            <span>{t(`geofences.day_${day}`)}</span>
                          </label>
                        )}
                      </For>
                      <Show when={field().state.value.length === 0}>
                        <p class="form-field__error">{t("geofences.daysRequired")}</p>
                      </Show>
                    </fieldset>
                  )}
                </f.Field>
                <div class="geofence-form__window">
                  <f.Field name="from">
                    {(field) => (
                      <TextField
                        field={field}
                        type="time"
                        label={t("geofences.from")}
                        data-testid="geofence-from"
                        invalid={t("geofences.timeInvalid")}
                      />
                    )}
                  </f.Field>
                  <f.Field name="to">
                    {(field) => (
                      <TextField
                        field={field}
                        type="time"
                        label={t("geofences.to")}
                        data-testid="geofence-to"
                        invalid={t("geofences.timeInvalid")}
                      />
                    )}
                  </f.Field>
                </div>
                <p class="muted geofence-form__zone">{t("geofences.scheduleHint")}</p>
              </Show>
            )}
          </f.Subscribe>
        </fieldset>
        <f.Field name="active">
          {(field) => (
            <label class="geofence-check">
              <input
                type="checkbox"
                data-testid="geofence-active"
                checked={field().state.value}
                onChange={(e) => field().handleChange(e.currentTarget.checked)}
              />
              <span>{t("geofences.activeLabel")}</span>
            </label>
          )}
        </f.Field>
      </fieldset>
      <FormError error={form.formError()} />
      <div class="form__actions">
        {props.actions}
        <Show when={!props.readOnly}>
          <f.Subscribe selector={(s) => !s.values.always && s.values.days.length === 0}>
            {(noDays) => (
              <button
                type="submit"
                class="button button--primary"
                disabled={form.submitting() || !props.ready || noDays()}
                data-testid="geofence-save"
              >
                {form.submitting() ? t("geofences.saving") : t("geofences.save")}
              </button>
            )}
          </f.Subscribe>
        </Show>
      </div>
    </form>
  )
}
