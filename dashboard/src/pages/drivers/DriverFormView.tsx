import { DRIVER_STATUSES } from "@fleetcore/contract"
import type { JSX } from "solid-js"
import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { SaveActions } from "../../ui/form/SaveActions"
import { SelectField } from "../../ui/form/SelectField"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import { CategoriesField } from "./CategoriesField"
import { DriverForm, type DriverValues } from "./driverForm"
import { createTeamOptionsQuery } from "./driverQueries"

/**
 * A driver's fields as one form, for a new driver and for editing one: the contract's schemas check
 * each field as it is typed; the server's field errors appear under their fields.
 */
export const DriverFormView = (props: {
  readonly initial: DriverValues
  readonly onSubmit: (values: DriverValues) => Promise<void>
  /** A new driver chooses a status; an existing one changes it with the status actions. */
  readonly withStatus: boolean
  readonly submitLabel: string
  readonly cancel?: JSX.Element
}) => {
  const { t } = useI18n()
  const teams = createTeamOptionsQuery()
  const form = createSchemaForm({
    schema: DriverForm,
    defaultValues: props.initial,
    onSubmit: props.onSubmit,
  })
  const F = form.form.Field
  const text = (
    name: "fullName" | "employeeId" | "licenceNumber" | "department",
    label: string,
    invalid?: string,
  ) => (
    <F name={name}>
      {(field) => (
        <TextField
          field={field}
          label={label}
          autocomplete="off"
          data-testid={`driver-${name}`}
          {...(invalid === undefined ? {} : { invalid })}
          {...form.serverProps(name)}
        />
      )}
    </F>
  )
  const date = (name: "licenceExpiresOn" | "medicalExpiresOn" | "hiredOn", label: string) => (
    <F name={name}>
      {(field) => (
        <TextField
          field={field}
          label={label}
          type="date"
          data-testid={`driver-${name}`}
          invalid={t("drivers.dateInvalid")}
          {...form.serverProps(name)}
        />
      )}
    </F>
  )
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="driver-form" novalidate>
      <div class="form--pair form--top">
        {text("fullName", t("drivers.fullName"), t("drivers.fullNameInvalid"))}
        {text("employeeId", t("drivers.employeeId"))}
      </div>
      <div class="form--pair form--top">
        <F name="phone">
          {(field) => (
            <TextField
              field={field}
              label={t("drivers.phone")}
              type="tel"
              autocomplete="off"
              data-testid="driver-phone"
              hint={t("profile.phoneHint")}
              invalid={t("profile.phoneInvalid")}
              {...form.serverProps("phone")}
            />
          )}
        </F>
        <F name="email">
          {(field) => (
            <TextField
              field={field}
              label={t("drivers.email")}
              type="email"
              autocomplete="off"
              data-testid="driver-email"
              invalid={t("users.emailInvalid")}
              {...form.serverProps("email")}
            />
          )}
        </F>
      </div>
      <h3 class="form__section">{t("drivers.licence")}</h3>
      <div class="form--pair form--top">
        {text("licenceNumber", t("drivers.licenceNumber"), t("drivers.licenceNumberInvalid"))}
        {date("licenceExpiresOn", t("drivers.licenceExpiresOn"))}
      </div>
      <F name="licenceCategories">
        {(field) => (
          <CategoriesField
            field={field}
            label={t("drivers.categories")}
            {...form.serverProps("licenceCategories")}
          />
        )}
      </F>
      <h3 class="form__section">{t("drivers.employment")}</h3>
      <div class="form--pair form--top">
        {date("medicalExpiresOn", t("drivers.medicalExpiresOn"))}
        {date("hiredOn", t("drivers.hiredOn"))}
      </div>
      <div class="form--pair form--top">
        {text("department", t("drivers.department"))}
        <F name="teamId">
          {(field) => (
            <SelectField
              field={field}
              label={t("drivers.team")}
              testId="driver-team"
              options={[
                { value: "", label: t("drivers.noTeam") },
                ...(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name })),
              ]}
              {...form.serverProps("teamId")}
            />
          )}
        </F>
      </div>
      <Show when={props.withStatus}>
        <F name="status">
          {(field) => (
            <SelectField
              field={field}
              label={t("drivers.status")}
              testId="driver-status-select"
              options={DRIVER_STATUSES.map((s) => ({ value: s, label: t(`drivers.status_${s}`) }))}
            />
          )}
        </F>
      </Show>
      <F name="notes">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("drivers.notes")}
            rows={3}
            maxLength={4000}
            testId="driver-notes"
            {...form.serverProps("notes")}
          />
        )}
      </F>
      <SaveActions form={form} testId="driver-submit" label={props.submitLabel} cancel={props.cancel} />
    </form>
  )
}
