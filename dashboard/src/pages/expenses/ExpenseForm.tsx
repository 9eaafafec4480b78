import { CURRENCIES, EXPENSE_CATEGORIES, endpoints } from "@fleetcore/contract"
import { Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import type { SchemaForm } from "../../ui/form/createSchemaForm"
import { DriverPicker } from "../../ui/form/DriverPicker"
import { FormError } from "../../ui/form/FormError"
import { fieldBinding } from "../../ui/form/fieldBinding"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import type { ExpenseValues } from "./expenseForm"

type Card = (typeof endpoints.fuel.listCards.response.Encoded)["items"][number]

/**
 * The fields of an expense; they follow the category: a refuel asks for litres, the odometer and
 * the fuel card it was paid with (whose currency it takes; the amount may stay empty without a
 * receipt), every other category for an amount.
 */
export const ExpenseFormFields = (props: {
  readonly form: SchemaForm<ExpenseValues>
  /** The category of a stored expense cannot change. */
  readonly categoryFixed: boolean
  readonly submitLabel: string
  readonly submittingLabel: string
  readonly actions?: import("solid-js").JSX.Element
}) => {
  const { t } = useI18n()
  const f = props.form
  const category = f.form.useSelector((s) => s.values.category)
  const chosenCard = f.form.useSelector((s) => s.values.fuelCardId)
  // Active cards, and a stored refuel's own card even once blocked.
  const cards = createListQuery(endpoints.fuel.listCards, () => ({
    query: { sort: "name", pageSize: "200" },
    enabled: category() === "fuel",
  }))
  const cardChoices = () => (cards.data?.items ?? []).filter((c) => c.active || c.id === chosenCard())
  const cardLabel = (c: Card) => {
    const name = c.numberLast4 === null ? c.name : `${c.name} · •••• ${c.numberLast4}`
    return c.active ? name : t("expenses.fuelCardBlocked", { name })
  }
  const paidWithCard = () =>
    category() === "fuel" ? cardChoices().find((c) => c.id === chosenCard()) : undefined
  return (
    <form class="panel form" onSubmit={f.handleSubmit} data-testid="expense-form" novalidate>
      <div class="form--pair form--top">
        <f.form.Field name="category">
          {(field) => (
            <SelectField
              field={field}
              label={t("expenses.category")}
              testId="expense-category-select"
              disabled={props.categoryFixed}
              options={EXPENSE_CATEGORIES.map((c) => ({ value: c, label: t(`expenses.category_${c}`) }))}
              {...f.serverProps("category")}
            />
          )}
        </f.form.Field>
        <f.form.Field name="vehicleId">
          {(field) => (
            <VehiclePicker
              {...fieldBinding(field)}
              label={t("expenses.vehicle")}
              testId="expense-vehicle"
              {...f.serverProps("vehicleId")}
            />
          )}
        </f.form.Field>
      </div>
      <div class="form--pair form--top">
        <f.form.Field name="date">
          {(field) => (
            <TextField
              field={field}
              label={t("expenses.date")}
              type="date"
              data-testid="expense-date"
              invalid={t("expenses.dateInvalid")}
              {...f.serverProps("date")}
            />
          )}
        </f.form.Field>
        <f.form.Field name="time">
          {(field) => (
            <TextField
              field={field}
              label={t("expenses.time")}
              type="time"
              hint={t("expenses.timeHint")}
              data-testid="expense-time"
              {...f.serverProps("time")}
            />
          )}
        </f.form.Field>
      </div>
      <f.form.Field name="driverId">
        {(field) => (
          <DriverPicker
            {...fieldBinding(field)}
            label={t("expenses.driver")}
            empty={t("expenses.driverNone")}
            hint={t("expenses.driverHint")}
            testId="expense-driver"
            {...f.serverProps("driverId")}
          />
        )}
      </f.form.Field>
      <Show when={category() === "fuel"}>
        <div class="form--pair form--top" data-testid="expense-fuel-fields">
          <f.form.Field name="litres">
            {(field) => (
              <TextField
                field={field}
                label={t("expenses.litres")}
                inputmode="decimal"
                data-testid="expense-litres"
                invalid={t("expenses.numberInvalid")}
                {...f.serverProps("litres")}
              />
            )}
          </f.form.Field>
          <f.form.Field name="odometerKm">
            {(field) => (
              <TextField
                field={field}
                label={t("expenses.odometer")}
                inputmode="decimal"
                hint={t("expenses.odometerHint")}
                data-testid="expense-odometer"
                invalid={t("expenses.numberInvalid")}
                {...f.serverProps("odometerKm")}
              />
            )}
          </f.form.Field>
        </div>
      </Show>
      <div class="form--pair form--top">
        <f.form.Field name="amount">
          {(field) => (
            <TextField
              field={field}
              label={t("expenses.amount")}
              inputmode="decimal"
              hint={category() === "fuel" ? t("expenses.amountFuelHint") : t("expenses.amountHint")}
              data-testid="expense-amount"
              invalid={t("expenses.amountInvalid")}
              {...f.serverProps("amount")}
            />
          )}
        </f.form.Field>
        <f.form.Field name="currency">
          {(field) => (
            <SelectField
              field={field}
              label={t("expenses.currency")}
              testId="expense-currency"
              disabled={paidWithCard() !== undefined}
              hint={paidWithCard() === undefined ? "" : t("expenses.fuelCardHint")}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              {...f.serverProps("currency")}
            />
          )}
        </f.form.Field>
      </div>
      <Show when={category() === "fuel"}>
        <f.form.Field name="fuelCardId">
          {(field) => (
            <SelectField
              field={field}
              label={t("expenses.fuelCard")}
              testId="expense-fuel-card"
              options={[
                ...cardChoices().map((c) => ({ value: c.id, label: cardLabel(c) })),
                { value: "", label: t("expenses.fuelCardNone") },
              ]}
              onEdit={() => {
                f.clearServerError("fuelCardId")
                // A card bills in its currency: the refuel takes it.
                const card = cardChoices().find((c) => c.id === field().state.value)
                if (card !== undefined) f.form.setFieldValue("currency", card.currency)
              }}
              serverError={f.serverError("fuelCardId")}
            />
          )}
        </f.form.Field>
      </Show>
      <f.form.Field name="vendor">
        {(field) => (
          <TextField
            field={field}
            label={t("expenses.vendor")}
            data-testid="expense-vendor"
            {...f.serverProps("vendor")}
          />
        )}
      </f.form.Field>
      <f.form.Field name="description">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("expenses.descriptionField")}
            testId="expense-description"
            {...f.serverProps("description")}
          />
        )}
      </f.form.Field>
      <FormError error={f.formError()} />
      <div class="form__actions">
        {props.actions}
        <SubmitButton
          submitting={f.submitting()}
          label={props.submitLabel}
          submittingLabel={props.submittingLabel}
          testId="expense-submit"
        />
      </div>
    </form>
  )
}
