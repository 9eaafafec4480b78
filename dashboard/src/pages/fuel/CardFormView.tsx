import "../organisations/adminPages.css"
import { CURRENCIES } from "@fleetcore/contract"
import type { JSX } from "solid-js"
import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { DriverPicker } from "../../ui/form/DriverPicker"
import { fieldBinding } from "../../ui/form/fieldBinding"
import { SaveActions } from "../../ui/form/SaveActions"
import { SelectField } from "../../ui/form/SelectField"
import { TextField } from "../../ui/form/TextField"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { type CardValues, cardForm } from "./cardForm"

type LimitField = "dailyLimit" | "weeklyLimit" | "monthlyLimit"

/**
 * A fuel card's name, limits and holder (a driver, a vehicle, or both), for a new card and for
 * editing one; the last four digits and the currency only when adding it, blocking only when editing.
 */
export const CardFormView = (props: {
  readonly initial: CardValues
  readonly adding: boolean
  readonly onSubmit: (values: CardValues) => Promise<void>
  readonly submitLabel: string
  readonly cancel: JSX.Element
}) => {
  const { t, locale } = useI18n()
  const form = createSchemaForm({
    schema: cardForm(locale()),
    defaultValues: props.initial,
    onSubmit: props.onSubmit,
  })
  const currency = form.form.useSelector((s) => s.values.currency)
  const limit = (name: LimitField, label: string) => (
    <form.form.Field name={name}>
      {(field) => (
        <TextField
          field={field}
          label={label}
          inputmode="decimal"
          autocomplete="off"
          hint={t("fuelPage.limitHint", { currency: currency() })}
          invalid={t("fuelPage.limitInvalid")}
          data-testid={`card-${name}`}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="card-form" novalidate>
      <form.form.Field name="name">
        {(field) => (
          <TextField
            field={field}
            label={t("fuelPage.cardName")}
            autocomplete="off"
            hint={t("fuelPage.cardNameHint")}
            invalid={t("fuelPage.cardNameInvalid")}
            data-testid="card-name"
            {...form.serverProps("name")}
          />
        )}
      </form.form.Field>
      <div class="form--pair form--top">
        <form.form.Field name="numberLast4">
          {(field) => (
            <TextField
              field={field}
              label={t("fuelPage.cardLast4")}
              inputmode="numeric"
              autocomplete="off"
              maxLength={4}
              disabled={!props.adding}
              hint={props.adding ? t("fuelPage.cardLast4Hint") : t("fuelPage.cardFixedHint")}
              invalid={t("fuelPage.cardLast4Invalid")}
              data-testid="card-last4"
              {...form.serverProps("numberLast4")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="currency">
          {(field) => (
            <SelectField
              field={field}
              label={t("fuelPage.cardCurrency")}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              disabled={!props.adding}
              hint={props.adding ? t("fuelPage.cardCurrencyHint") : t("fuelPage.cardFixedHint")}
              testId="card-currency"
              {...form.serverProps("currency")}
            />
          )}
        </form.form.Field>
      </div>
      <div class="form--row form--top">
        {limit("dailyLimit", t("fuelPage.dailyLimit"))}
        {limit("weeklyLimit", t("fuelPage.weeklyLimit"))}
        {limit("monthlyLimit", t("fuelPage.monthlyLimit"))}
      </div>
      <div class="form--pair form--top">
        <form.form.Field name="driverId">
          {(field) => (
            <DriverPicker
              {...fieldBinding(field)}
              label={t("fuelPage.cardDriver")}
              empty={t("fuelPage.cardNobody")}
              hint={t("fuelPage.cardDriverHint")}
              testId="card-driver"
              {...form.serverProps("driverId")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="vehicleId">
          {(field) => (
            <VehiclePicker
              {...fieldBinding(field)}
              label={t("fuelPage.cardVehicle")}
              empty={t("fuelPage.cardNobody")}
              hint={t("fuelPage.cardVehicleHint")}
              testId="card-vehicle"
              {...form.serverProps("vehicleId")}
            />
          )}
        </form.form.Field>
      </div>
      <Show when={!props.adding}>
        <form.form.Field name="status">
          {(field) => (
            <SelectField
              field={field}
              label={t("fuelPage.cardStatus")}
              options={[
                { value: "active" as const, label: t("fuelPage.cardActive") },
                { value: "blocked" as const, label: t("fuelPage.blocked") },
              ]}
              hint={t("fuelPage.cardStatusHint")}
              testId="card-status"
              {...form.serverProps("status")}
            />
          )}
        </form.form.Field>
      </Show>
      <SaveActions form={form} testId="card-submit" label={props.submitLabel} cancel={props.cancel} />
    </form>
  )
}
