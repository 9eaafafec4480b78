import { endpoints, type MaintenanceTemplate } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import type { Locale } from "../../i18n/locales"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { type NumberRule, numberInput, optionalNumberText, parseNumber } from "../../ui/form/numberText"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"

export type TemplateView = (typeof MaintenanceTemplate)["Encoded"]

const EVERY_KM: NumberRule = { fractionDigits: 0, min: 100, max: 1_000_000 }
const EVERY_MONTHS: NumberRule = { fractionDigits: 0, min: 1, max: 120 }

/** A template as the form edits it ("" = no interval of that kind). */
const templateForm = (locale: Locale) =>
  Schema.Struct({
    name: Schema.String.check(
      Schema.makeFilter<string>((s) => s.trim() !== "" && s.length <= 200, { message: "name" }),
    ),
    vehicleTypeId: Schema.String,
    everyKm: optionalNumberText(locale, EVERY_KM),
    everyMonths: optionalNumberText(locale, EVERY_MONTHS),
    countFrom: Schema.Literals(["today", "commissioning"]),
  })
type TemplateValues = ReturnType<typeof templateForm>["Encoded"]

const Form = (props: {
  readonly template: TemplateView | null
  readonly types: ReadonlyArray<{ readonly id: string; readonly name: string }>
  readonly onClose: () => void
}) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [deleting, setDeleting] = createSignal(false)
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [endpoints.maintenance.listTemplates.id] }),
      queryClient.invalidateQueries({ queryKey: [endpoints.maintenance.listTasks.id] }),
    ])
  const tpl = props.template
  const form = createSchemaForm({
    schema: templateForm(locale()),
    defaultValues: {
      name: tpl?.name ?? "",
      vehicleTypeId: tpl?.vehicleTypeId ?? props.types[0]?.id ?? "",
      everyKm: numberInput(tpl?.everyKm, locale()),
      everyMonths: numberInput(tpl?.everyMonths, locale()),
      countFrom: "today",
    } as TemplateValues,
    onSubmit: async (v: TemplateValues) => {
      const interval = {
        everyKm: parseNumber(v.everyKm, locale(), EVERY_KM),
        everyMonths: parseNumber(v.everyMonths, locale(), EVERY_MONTHS),
      }
      const saved =
        tpl === null
          ? await api.call(endpoints.maintenance.createTemplate, {
              body: {
                name: v.name.trim(),
                vehicleTypeId: v.vehicleTypeId,
                ...(interval.everyKm === null ? {} : { everyKm: interval.everyKm }),
                ...(interval.everyMonths === null ? {} : { everyMonths: interval.everyMonths }),
                countFrom: v.countFrom,
              },
            })
          : await api.call(endpoints.maintenance.updateTemplate, {
              params: { id: tpl.id },
              body: {
                name: v.name.trim(),
                ...(tpl.vehicleId === null ? { vehicleTypeId: v.vehicleTypeId } : {}),
                ...interval,
              },
            })
      await reload()
      showToast("success", t("maintenance.templateSaved", { name: saved.name }))
      props.onClose()
    },
  })
  const manage = () => session.can("maintenance.manage")
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="template-form" novalidate>
      <Dialog.Title class="dialog__title">
        {tpl === null
          ? t("maintenance.templateNewTitle")
          : t("maintenance.templateEditTitle", { name: tpl.name })}
      </Dialog.Title>
      <form.form.Field name="name">
        {(field) => (
          <TextField
            field={field}
            label={t("maintenance.templateName")}
            invalid={t("maintenance.templateNameInvalid")}
            data-testid="template-name"
            autocomplete="off"
            disabled={!manage()}
            {...form.serverProps("name")}
          />
        )}
      </form.form.Field>
      <Show when={tpl?.vehicleId == null}>
        <form.form.Field name="vehicleTypeId">
          {(field) => (
            <SelectField
              field={field}
              label={t("maintenance.appliesTo")}
              testId="template-type"
              disabled={!manage()}
              options={props.types.map((type) => ({ value: type.id, label: type.name }))}
              {...form.serverProps("vehicleTypeId")}
            />
          )}
        </form.form.Field>
      </Show>
      <div class="form--pair form--top">
        <form.form.Field name="everyKm">
          {(field) => (
            <TextField
              field={field}
              inputmode="numeric"
              label={t("maintenance.everyKm")}
              invalid={t("maintenance.everyKmInvalid")}
              data-testid="template-everyKm"
              disabled={!manage()}
              {...form.serverProps("everyKm")}
            />
          )}
        </form.form.Field>
        <form.form.Field name="everyMonths">
          {(field) => (
            <TextField
              field={field}
              inputmode="numeric"
              label={t("maintenance.everyMonths")}
              invalid={t("maintenance.everyMonthsInvalid")}
              hint={t("maintenance.intervalRequired")}
              data-testid="template-everyMonths"
              disabled={!manage()}
              {...form.serverProps("everyMonths")}
            />
          )}
        </form.form.Field>
      </div>
      <Show when={tpl === null}>
        <form.form.Field name="countFrom">
          {(field) => (
            <SelectField
              field={field}
              label={t("maintenance.countFrom")}
              hint={t("maintenance.countFromHint")}
              testId="template-countFrom"
              options={[
                { value: "today", label: t("maintenance.countFromToday") },
                { value: "commissioning", label: t("maintenance.countFromCommissioning") },
              ]}
              {...form.serverProps("countFrom")}
            />
          )}
        </form.form.Field>
      </Show>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <Show when={tpl !== null && manage()}>
          <button
            type="button"
            class="button button--danger-outline maintenance-template-delete"
            data-testid="template-delete"
            onClick={() => setDeleting(true)}
          >
            {t("maintenance.templateDelete")}
          </button>
        </Show>
        <DialogTextClose label={t("maintenance.close")} />
        <Show when={manage()}>
          <SubmitButton
            submitting={form.submitting()}
            label={tpl === null ? t("maintenance.templateCreate") : t("maintenance.save")}
            submittingLabel={t("maintenance.saving")}
            testId="template-submit"
          />
        </Show>
      </div>
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t("maintenance.templateDeleteTitle", { name: tpl?.name ?? "" })}
        description={<p>{t("maintenance.templateDeleteText")}</p>}
        confirmLabel={t("maintenance.templateDelete")}
        destructive
        onConfirm={async () => {
          if (tpl === null) return
          await api.call(endpoints.maintenance.deleteTemplate, { params: { id: tpl.id } })
          await reload()
          showToast("success", t("maintenance.templateDeleted", { name: tpl.name }))
          props.onClose()
        }}
      />
    </form>
  )
}

/** The template dialog: `open` is "new", a template, or null (closed). */
export const TemplateDialog = (props: {
  readonly open: TemplateView | "new" | null
  readonly types: ReadonlyArray<{ readonly id: string; readonly name: string }>
  readonly onClose: () => void
}) => (
  <Dialog.Root open={props.open !== null} onOpenChange={(open) => !open && props.onClose()}>
    <Dialog.Portal>
      <Dialog.Overlay class="dialog__overlay" />
      <div class="dialog__positioner">
        <Dialog.Content class="dialog dialog--wide" data-testid="template-dialog">
          <Show when={props.open} keyed>
            {(open) => (
              <Form template={open === "new" ? null : open} types={props.types} onClose={props.onClose} />
            )}
          </Show>
        </Dialog.Content>
      </div>
    </Dialog.Portal>
  </Dialog.Root>
)
