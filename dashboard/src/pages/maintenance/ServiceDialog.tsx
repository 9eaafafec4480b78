import { CURRENCIES } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { Plus, X } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import type { TaskView } from "./dueState"
import {
  type PartDraft,
  partsOf,
  type ServiceValues,
  serviceBody,
  serviceForm,
  serviceValues,
} from "./serviceForm"

export type ServiceBody = ReturnType<typeof serviceBody>

const emptyPart = (): PartDraft => ({ name: "", quantity: "1", cost: "" })

/** The service record's fields: date, odometer, cost, vendor, parts and notes. */
const ServiceFormView = (props: {
  readonly title: string
  readonly task: TaskView | null
  readonly currency: string
  readonly onSave: (body: ServiceBody) => Promise<void>
}) => {
  const { t, locale, zone } = useI18n()
  const [parts, setParts] = createSignal<ReadonlyArray<PartDraft>>([])
  const [partsInvalid, setPartsInvalid] = createSignal(false)
  const form = createSchemaForm({
    schema: serviceForm(locale()),
    defaultValues: serviceValues(props.task, dayIn(Date.now(), zone()), props.currency),
    onSubmit: async (values: ServiceValues) => {
      const checked = partsOf(parts(), locale())
      setPartsInvalid(checked === null)
      if (checked === null) return
      await props.onSave(serviceBody(values, checked, locale()))
    },
  })
  const text = (name: keyof ServiceValues & string, label: string, extra: Record<string, string> = {}) => (
    <form.form.Field name={name}>
      {(field) => (
        <TextField
          field={field}
          label={label}
          autocomplete="off"
          data-testid={`service-${name}`}
          {...extra}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  const setPart = (index: number, key: keyof PartDraft, value: string) =>
    setParts((list) => list.map((p, i) => (i === index ? { ...p, [key]: value } : p)))
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="service-form" novalidate>
      <Dialog.Title class="dialog__title">{props.title}</Dialog.Title>
      <div class="form--pair form--top">
        {text("completedOn", t("maintenance.completedOn"), { type: "date" })}
        {text("odometerKm", t("maintenance.odometer"), { inputmode: "decimal" })}
      </div>
      <div class="form--pair form--top">
        {text("cost", t("maintenance.cost"), { inputmode: "decimal", hint: t("maintenance.costHint") })}
        <form.form.Field name="currency">
          {(field) => (
            <SelectField
              field={field}
              label={t("maintenance.currency")}
              testId="service-currency"
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              {...form.serverProps("currency")}
            />
          )}
        </form.form.Field>
      </div>
      {text("vendor", t("maintenance.vendor"))}
      <fieldset class="maintenance-parts" data-testid="service-parts">
        <legend>{t("maintenance.parts")}</legend>
        <For each={parts()}>
          {(part, index) => (
            <div class="maintenance-parts__row">
              <input
                aria-label={t("maintenance.partName")}
                placeholder={t("maintenance.partName")}
                value={part.name}
                data-testid={`part-name-${index()}`}
                onInput={(e) => setPart(index(), "name", e.currentTarget.value)}
              />
              <input
                aria-label={t("maintenance.partQuantity")}
                placeholder={t("maintenance.partQuantity")}
                inputmode="decimal"
                value={part.quantity}
                data-testid={`part-quantity-${index()}`}
                onInput={(e) => setPart(index(), "quantity", e.currentTarget.value)}
              />
              <input
                aria-label={t("maintenance.partCost")}
                placeholder={t("maintenance.partCost")}
                inputmode="decimal"
                value={part.cost}
                data-testid={`part-cost-${index()}`}
                onInput={(e) => setPart(index(), "cost", e.currentTarget.value)}
              />
              <button
                type="button"
                class="button button--icon"
                aria-label={t("maintenance.removePart", { index: String(index() + 1) })}
                onClick={() => setParts((list) => list.filter((_, i) => i !== index()))}
              >
                <X size={14} aria-hidden="true" />
              </button>
            </div>
          )}
        </For>
        <Show when={partsInvalid()}>
          <p class="form-field__error" role="alert">
            {t("maintenance.partInvalid")}
          </p>
        </Show>
        <button
          type="button"
          class="button"
          data-testid="part-add"
          onClick={() => setParts((list) => [...list, emptyPart()])}
        >
          <Plus size={14} aria-hidden="true" />
          <span>{t("maintenance.addPart")}</span>
        </button>
      </fieldset>
      <form.form.Field name="notes">
        {(field) => (
          <TextAreaField field={field} label={t("maintenance.notes")} {...form.serverProps("notes")} />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <DialogTextClose label={t("maintenance.close")} />
        <SubmitButton
          submitting={form.submitting()}
          label={t("maintenance.save")}
          submittingLabel={t("maintenance.saving")}
          testId="service-submit"
        />
      </div>
    </form>
  )
}

/** Recording a service (completing a task, or an unplanned repair done already) in a dialog. */
export const ServiceDialog = (props: {
  readonly open: boolean
  readonly title: string
  readonly task: TaskView | null
  readonly currency: string
  readonly onClose: () => void
  readonly onSave: (body: ServiceBody) => Promise<void>
}) => (
  <Dialog.Root open={props.open} onOpenChange={(open) => !open && props.onClose()}>
    <Dialog.Portal>
      <Dialog.Overlay class="dialog__overlay" />
      <div class="dialog__positioner">
        <Dialog.Content class="dialog dialog--wide" data-testid="service-dialog">
          <Show when={props.open}>
            <ServiceFormView
              title={props.title}
              task={props.task}
              currency={props.currency}
              onSave={props.onSave}
            />
          </Show>
        </Dialog.Content>
      </div>
    </Dialog.Portal>
  </Dialog.Root>
)
