import { IsoDate, Uuid } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { Schema } from "effect"
import { createSignal, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import type { Locale } from "../../i18n/locales"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { fieldBinding } from "../../ui/form/fieldBinding"
import { isBlank, type NumberRule, numberOf, optionalNumberText } from "../../ui/form/numberText"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { ServiceDialog } from "./ServiceDialog"
import { createTaskActions } from "./taskActions"

const Empty = Schema.Literal("")
const STATES = ["scheduled", "in_progress", "completed"] as const

/** Kilometres to a tenth, as the odometer counts them. */
const KM: NumberRule = { fractionDigits: 1, max: 99_999_999.9 }

const newTaskForm = (locale: Locale) =>
  Schema.Struct({
    vehicleId: Uuid,
    name: Schema.String.check(
      Schema.makeFilter<string>((s) => s.trim() !== "" && s.length <= 200, { message: "name" }),
    ),
    status: Schema.Literals(STATES),
    dueDate: Schema.Union([Empty, IsoDate]),
    dueOdometerKm: optionalNumberText(locale, KM),
  })
type NewTaskValues = ReturnType<typeof newTaskForm>["Encoded"]

const bodyOf = (v: NewTaskValues, locale: Locale) => ({
  vehicleId: v.vehicleId,
  name: v.name.trim(),
  ...(v.dueDate === "" ? {} : { dueDate: v.dueDate }),
  ...(isBlank(v.dueOdometerKm) ? {} : { dueOdometerKm: numberOf(v.dueOdometerKm, locale, KM) }),
})

const TaskForm = (props: { readonly onDone: (values: NewTaskValues) => Promise<void> }) => {
  const { t, locale } = useI18n()
  const form = createSchemaForm({
    schema: newTaskForm(locale()),
    defaultValues: {
      vehicleId: "",
      name: "",
      status: "scheduled",
      dueDate: "",
      dueOdometerKm: "",
    } as NewTaskValues,
    onSubmit: props.onDone,
  })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="task-form" novalidate>
      <Dialog.Title class="dialog__title">{t("maintenance.newTaskTitle")}</Dialog.Title>
      <form.form.Field name="vehicleId">
        {(field) => (
          <VehiclePicker
            {...fieldBinding(field)}
            label={t("maintenance.vehicle")}
            testId="task-vehicle"
            invalid={t("maintenance.vehicleRequired")}
            {...form.serverProps("vehicleId")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="name">
        {(field) => (
          <TextField
            field={field}
            label={t("maintenance.taskName")}
            invalid={t("maintenance.taskNameInvalid")}
            data-testid="task-name"
            autocomplete="off"
            {...form.serverProps("name")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="status">
        {(field) => (
          <SelectField
            field={field}
            label={t("maintenance.initialStatus")}
            testId="task-status"
            options={STATES.map((s) => ({ value: s, label: t(`maintenance.initial_${s}`) }))}
          />
        )}
      </form.form.Field>
      <div class="form--pair form--top">
        <form.form.Field name="dueDate">
          {(field) => (
            <TextField
              field={field}
              type="date"
              label={t("maintenance.dueDate")}
              data-testid="task-dueDate"
              {...form.serverProps("dueDate")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="dueOdometerKm">
          {(field) => (
            <TextField
              field={field}
              inputmode="decimal"
              label={t("maintenance.dueKm")}
              data-testid="task-dueKm"
              {...form.serverProps("dueOdometerKm")}
            />
          )}
        </form.form.Field>
      </div>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <DialogTextClose label={t("maintenance.close")} />
        <SubmitButton
          submitting={form.submitting()}
          label={t("maintenance.create")}
          submittingLabel={t("maintenance.saving")}
          testId="task-submit"
        />
      </div>
    </form>
  )
}

/**
 * A new task: a one-off planned service, a repair under way, or one already done (then the
 * service record is asked for next and both are stored together).
 */
export const NewTaskDialog = (props: {
  readonly open: boolean
  readonly currency: string
  readonly onClose: () => void
}) => {
  const { t, locale } = useI18n()
  const actions = createTaskActions()
  const [done, setDone] = createSignal<NewTaskValues | null>(null)
  return (
    <>
      <Dialog.Root open={props.open} onOpenChange={(open) => !open && props.onClose()}>
        <Dialog.Portal>
          <Dialog.Overlay class="dialog__overlay" />
          <div class="dialog__positioner">
            <Dialog.Content class="dialog dialog--wide" data-testid="task-dialog">
              <Show when={props.open}>
                <TaskForm
                  onDone={async (values) => {
                    if (values.status === "completed") setDone(values)
                    else await actions.create({ ...bodyOf(values, locale()), status: values.status })
                    props.onClose()
                  }}
                />
              </Show>
            </Dialog.Content>
          </div>
        </Dialog.Portal>
      </Dialog.Root>
      <ServiceDialog
        open={done() !== null}
        title={t("maintenance.completeTitle", { name: done()?.name ?? "" })}
        task={null}
        currency={props.currency}
        onClose={() => setDone(null)}
        onSave={async (service) => {
          const values = done()
          if (values === null) return
          await actions.create({ ...bodyOf(values, locale()), status: "completed", service })
          setDone(null)
        }}
      />
    </>
  )
}
