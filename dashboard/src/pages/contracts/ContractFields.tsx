import { CONTRACT_TYPES, CURRENCIES, PAYMENT_FREQUENCIES } from "@fleetcore/contract"
import { Show } from "solid-js"
import type { Dictionary } from "../../i18n/en"
import { useI18n } from "../../i18n/I18nContext"
import type { SchemaForm } from "../../ui/form/createSchemaForm"
import { fieldBinding } from "../../ui/form/fieldBinding"
import { SelectField } from "../../ui/form/SelectField"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { type ContractValues, isInsuranceType } from "./contractForm"

/** The fields of a contract (new and edit); the insurance block shows for CASCO and OSAGO only. */
export const ContractFields = (props: { readonly form: SchemaForm<ContractValues> }) => {
  const { t } = useI18n()
  const form = props.form
  const k = (key: keyof Dictionary["contractsPenalties"]["contracts"]) =>
    t(`contractsPenalties.contracts.${key}`)
  const type = form.form.useStore((s) => s.values.type)
  return (
    <>
      <div class="form--pair form--top">
        <form.form.Field name="vehicleId">
          {(field) => (
            <VehiclePicker
              {...fieldBinding(field)}
              label={t("contractsPenalties.vehicle")}
              testId="contract-vehicle"
              {...form.serverProps("vehicleId")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="type">
          {(field) => (
            <SelectField
              field={field}
              label={k("type")}
              testId="contract-type"
              options={CONTRACT_TYPES.map((v) => ({
                value: v,
                label: t(`contractsPenalties.contracts.type_${v}`),
              }))}
              {...form.serverProps("type")}
            />
          )}
        </form.form.Field>
      </div>
      <div class="form--pair form--top">
        <form.form.Field name="contractor">
          {(field) => (
            <TextField
              field={field}
              label={k("contractor")}
              data-testid="contract-contractor"
              invalid={t("contractsPenalties.required")}
              {...form.serverProps("contractor")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="number">
          {(field) => (
            <TextField
              field={field}
              label={k("number")}
              data-testid="contract-number"
              {...form.serverProps("number")}
            />
          )}
        </form.form.Field>
      </div>
      <div class="form--pair form--top">
        <form.form.Field name="startDate">
          {(field) => (
            <TextField
              field={field}
              type="date"
              label={k("startDate")}
              data-testid="contract-start"
              invalid={t("contractsPenalties.dateInvalid")}
              {...form.serverProps("startDate")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="endDate">
          {(field) => (
            <TextField
              field={field}
              type="date"
              label={k("endDate")}
              data-testid="contract-end"
              invalid={t("contractsPenalties.dateInvalid")}
              {...form.serverProps("endDate")}
            />
          )}
        </form.form.Field>
      </div>
      <div class="form--pair form--top">
        <form.form.Field name="amount">
          {(field) => (
            <TextField
              field={field}
              inputmode="decimal"
              label={t("contractsPenalties.amount")}
              data-testid="contract-amount"
              hint={t("contractsPenalties.amountHint")}
              invalid={t("contractsPenalties.amountInvalid")}
              {...form.serverProps("amount")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="currency">
          {(field) => (
            <SelectField
              field={field}
              label={t("contractsPenalties.currency")}
              testId="contract-currency"
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              {...form.serverProps("currency")}
            />
          )}
        </form.form.Field>
      </div>
      <div class="form--pair form--top">
        <form.form.Field name="paymentFrequency">
          {(field) => (
            <SelectField
              field={field}
              label={k("frequency")}
              testId="contract-frequency"
              options={PAYMENT_FREQUENCIES.map((f) => ({
                value: f,
                label: t(`contractsPenalties.contracts.frequency_${f}`),
              }))}
            />
          )}
        </form.form.Field>
        <form.form.Field name="autoRenew">
          {(field) => (
            <label class="checkbox-field">
              <input
                type="checkbox"
                checked={field().state.value}
                data-testid="contract-auto-renew"
                onChange={(e) => field().handleChange(e.currentTarget.checked)}
              />
              <span>{k("autoRenew")}</span>
            </label>
          )}
        </form.form.Field>
      </div>
      <Show when={isInsuranceType(type())}>
        <fieldset class="fieldset" data-testid="contract-insurance">
          <legend>{k("insurance")}</legend>
          <div class="form--pair form--top">
            <form.form.Field name="sumInsured">
              {(field) => (
                <TextField
                  field={field}
                  inputmode="decimal"
                  label={k("sumInsured")}
                  data-testid="contract-sum-insured"
                  invalid={t("contractsPenalties.amountInvalid")}
                  {...form.serverProps("sumInsured")}
                />
              )}
            </form.form.Field>
            <form.form.Field name="deductible">
              {(field) => (
                <TextField
                  field={field}
                  inputmode="decimal"
                  label={k("deductible")}
                  data-testid="contract-deductible"
                  invalid={t("contractsPenalties.amountInvalid")}
                  {...form.serverProps("deductible")}
                />
              )}
            </form.form.Field>
          </div>
          <div class="form--pair form--top">
            <form.form.Field name="coveredRisks">
              {(field) => (
                <TextField
                  field={field}
                  label={k("coveredRisks")}
                  hint={k("coveredRisksHint")}
                  data-testid="contract-risks"
                />
              )}
            </form.form.Field>
            <form.form.Field name="policyHolder">
              {(field) => (
                <TextField field={field} label={k("policyHolder")} data-testid="contract-policy-holder" />
              )}
            </form.form.Field>
          </div>
        </fieldset>
      </Show>
      <form.form.Field name="notes">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("contractsPenalties.notes")}
            maxLength={4000}
            testId="contract-notes"
          />
        )}
      </form.form.Field>
    </>
  )
}
