import { CHANGE_FIELDS, endpoints, type ProposedChangesType } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { useApi } from "../../api/ApiContext"
import { ApiError } from "../../api/ApiError"
import { useI18n } from "../../i18n/I18nContext"
import type { Locale } from "../../i18n/locales"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { type NumberRule, parseNumber } from "../../ui/form/numberText"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"

type ChangeField = (typeof CHANGE_FIELDS)[number]

/** The numeric fields as the contract takes them (ProposedChanges); the others are text. */
const NUMBERS: Partial<Record<ChangeField, NumberRule>> = {
  engineVolumeL: { fractionDigits: 1, min: 0.1, max: 99 },
  odometerKm: { fractionDigits: 1, max: 10_000_000 },
  oilVolumeL: { fractionDigits: 2, min: 0.01, max: 100 },
  serviceIntervalKm: { fractionDigits: 0, min: 1, max: 200_000 },
  serviceIntervalMonths: { fractionDigits: 0, min: 1, max: 120 },
  enginePowerKw: { fractionDigits: 1, min: 0.1, max: 5000 },
}

/** The typed value of `field` as the API takes it, or null when the text is not one. */
const typedValue = (field: ChangeField, text: string, locale: Locale): string | number | null => {
  const rule = NUMBERS[field]
  if (rule !== undefined) return parseNumber(text, locale, rule)
  const trimmed = text.trim().replace(/\s+/gu, " ")
  if (trimmed === "") return null
  return field === "plateCountry" || field === "vin" ? trimmed.toUpperCase() : trimmed
}

const proposalForm = (locale: Locale) =>
  Schema.Struct({
    field: Schema.Literals(CHANGE_FIELDS),
    value: Schema.String,
    comment: Schema.String.check(Schema.isMaxLength(2000)),
  }).check(
    Schema.makeFilter((v) =>
      typedValue(v.field, v.value, locale) === null ? { path: ["value"], issue: "value" } : undefined,
    ),
  )
type ProposalValues = ReturnType<typeof proposalForm>["Encoded"]

/**
 * Proposes a change to one of a vehicle's critical fields (seed 002: VIN, plate, odometer, oil,
 * service norms, engine): a driver for the vehicle assigned to them, a centre's employee through
 * its service grant. Nothing changes until the vehicle's managers approve it; the server checks the
 * value as the edit would (a VIN's check digit) and the form shows its reason under the value.
 */
export const ProposeChangeForm = (props: { readonly vehicleId: string; readonly onDone?: () => void }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: proposalForm(locale()),
    defaultValues: { field: "odometerKm", value: "", comment: "" } as ProposalValues,
    onSubmit: async (v) => {
      const changes = { [v.field]: typedValue(v.field, v.value, locale()) } as ProposedChangesType
      const comment = v.comment.trim()
      try {
        await api.call(endpoints.changeRequests.create, {
          params: { id: props.vehicleId },
          body: { changes, ...(comment === "" ? {} : { comment }) },
        })
      } catch (error) {
        // The server names the value by its wire path ("changes.vin", or "vin" for a check digit).
        if (error instanceof ApiError && (error.field === v.field || error.field === `changes.${v.field}`))
          throw new ApiError(error.status, error.code, error.message, "value", error.detail, { cause: error })
        throw error
      }
      showToast("success", t("vehicleAccess.proposalSent"))
      form.form.reset()
      await queryClient.invalidateQueries({ queryKey: [endpoints.changeRequests.list.id] })
      props.onDone?.()
    },
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="propose-change-form" novalidate>
      <form.form.Field name="field">
        {(field) => (
          <SelectField<ChangeField>
            field={field}
            label={t("vehicleAccess.proposeField")}
            testId="propose-field"
            options={CHANGE_FIELDS.map((f) => ({ value: f, label: t(`vehicleAccess.field_${f}`) }))}
            onEdit={() => form.clearServerError("value")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="value">
        {(field) => (
          <TextField
            field={field}
            label={t("vehicleAccess.proposeValue")}
            autocomplete="off"
            invalid={t("vehicleAccess.proposeInvalid")}
            data-testid="propose-value"
            {...form.serverProps("value")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="comment">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("vehicleAccess.proposeComment")}
            rows={2}
            maxLength={2000}
            testId="propose-comment"
            {...form.serverProps("comment")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <SubmitButton
        submitting={form.submitting()}
        label={t("vehicleAccess.proposeSubmit")}
        submittingLabel={t("vehicleAccess.proposing")}
        testId="propose-submit"
      />
    </form>
  )
}
