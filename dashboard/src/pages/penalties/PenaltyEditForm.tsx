import { CURRENCIES, Currency, endpoints, IsoDate } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import type { Locale } from "../../i18n/locales"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { decimalOf, numberInput, numberText, POSITIVE_MONEY } from "../../ui/form/numberText"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"
import type { PenaltyView } from "./penaltyColumns"
import { invalidatePenalties } from "./penaltyQueries"

const editForm = (locale: Locale) =>
  Schema.Struct({
    amount: numberText(locale, POSITIVE_MONEY),
    currency: Currency,
    reason: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(500)),
    dueDate: Schema.Union([Schema.Literal(""), IsoDate]),
  })

/** A manager corrects a fine's amount, reason or due date (seed 003 phase 5); the status has its steps. */
export const PenaltyEditForm = (props: { readonly penalty: PenaltyView }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: editForm(locale()),
    defaultValues: {
      amount: numberInput(props.penalty.amount, locale()),
      currency: props.penalty.currency,
      reason: props.penalty.reason,
      dueDate: props.penalty.dueDate ?? "",
    },
    onSubmit: async (v) => {
      await api.call(endpoints.penalties.update, {
        params: { id: props.penalty.id },
        body: {
          amount: decimalOf(v.amount, locale(), POSITIVE_MONEY),
          currency: v.currency,
          reason: v.reason,
          dueDate: v.dueDate === "" ? null : v.dueDate,
        },
      })
      await invalidatePenalties(queryClient)
      showToast("success", t("contractsPenalties.saved"))
    },
  })
  return (
    <form class="panel form" onSubmit={form.handleSubmit} data-testid="penalty-edit-form" novalidate>
      <h2>{t("contractsPenalties.penalties.edit")}</h2>
      <div class="form--pair form--top">
        <form.form.Field name="amount">
          {(field) => (
            <TextField
              field={field}
              inputmode="decimal"
              label={t("contractsPenalties.amount")}
              invalid={t("contractsPenalties.amountInvalid")}
              data-testid="penalty-edit-amount"
              {...form.serverProps("amount")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="currency">
          {(field) => (
            <SelectField
              field={field}
              label={t("contractsPenalties.currency")}
              testId="penalty-edit-currency"
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
            />
          )}
        </form.form.Field>
      </div>
      <div class="form--pair form--top">
        <form.form.Field name="reason">
          {(field) => (
            <TextField
              field={field}
              label={t("contractsPenalties.penalties.reason")}
              invalid={t("contractsPenalties.required")}
              data-testid="penalty-edit-reason"
              {...form.serverProps("reason")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="dueDate">
          {(field) => (
            <TextField
              field={field}
              type="date"
              label={t("contractsPenalties.penalties.dueDate")}
              data-testid="penalty-edit-due"
              {...form.serverProps("dueDate")}
            />
          )}
        </form.form.Field>
      </div>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("common.save")}
          submittingLabel={t("common.saving")}
          testId="penalty-edit-save"
        />
      </div>
    </form>
  )
}
