import { endpoints, FUEL_TYPES } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { useQueryClient } from "@tanstack/solid-query"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"
import {
  type VehicleTypeValues,
  type VehicleTypeView,
  vehicleTypeBody,
  vehicleTypeForm,
  vehicleTypeValues,
} from "./vehicleTypeForm"

/** Who may change a type: the owner any, others their organisation's own (with `vehicles.manage`). */
export const mayEditType = (
  type: VehicleTypeView | null,
  can: (p: "vehicles.manage" | "organisations.manage") => boolean,
): boolean => can("vehicles.manage") && (type === null || !type.universal || can("organisations.manage"))

/** Creating (type = null) or editing a vehicle type; deleting it behind a confirmation. */
const TypeForm = (props: { readonly type: VehicleTypeView | null; readonly onClose: () => void }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [deleting, setDeleting] = createSignal(false)
  const editable = () => mayEditType(props.type, session.can)
  const reload = () => queryClient.invalidateQueries({ queryKey: [endpoints.vehicleTypes.list.id] })
  const form = createSchemaForm({
    schema: vehicleTypeForm(locale()),
    defaultValues: vehicleTypeValues(props.type, locale()),
    onSubmit: async (values: VehicleTypeValues) => {
      const body = vehicleTypeBody(values, locale())
      const saved =
        props.type === null
          ? await api.call(endpoints.vehicleTypes.create, {
              body: { ...body, universal: values.universal === "true" },
            })
          : await api.call(endpoints.vehicleTypes.update, { params: { id: props.type.id }, body })
      await reload()
      showToast(
        "success",
        t(props.type === null ? "fleet.typeCreated" : "fleet.typeSaved", { name: saved.name }),
      )
      props.onClose()
    },
  })
  const text = (name: keyof VehicleTypeValues & string, label: string, invalid?: string) => (
    <form.form.Field name={name}>
      {(field) => (
        <TextField
          field={field}
          label={label}
          autocomplete="off"
          disabled={!editable()}
          data-testid={`type-${name}`}
          {...(invalid ? { invalid } : {})}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="vehicle-type-form" novalidate>
      <Dialog.Title class="dialog__title">
        {props.type === null ? t("fleet.typeNewTitle") : t("fleet.typeEditTitle", { name: props.type.name })}
      </Dialog.Title>
      <Show when={!editable()}>
        <p class="muted" data-testid="type-read-only">
          {t("fleet.typeReadOnly")}
        </p>
      </Show>
      {text("name", t("fleet.typeName"), t("fleet.nameRequired"))}
      <div class="form--pair form--top">
        {text("brand", t("fleet.brand"))}
        {text("model", t("fleet.model"))}
      </div>
      <div class="form--pair form--top">
        <form.form.Field name="fuelType">
          {(field) => (
            <SelectField
              field={field}
              label={t("fleet.fuelType")}
              testId="type-fuelType"
              disabled={!editable()}
              options={[
                { value: "", label: t("fleet.notSet") },
                ...FUEL_TYPES.map((f) => ({ value: f, label: t(`fleet.fuel_${f}`) })),
              ]}
            />
          )}
        </form.form.Field>
        {text("ratedConsumptionL100km", t("fleet.typeRated"), t("fleet.numberInvalid"))}
      </div>
      <div class="form--pair form--top">
        {text("tankCapacityL", t("fleet.typeTank"), t("fleet.numberInvalid"))}
        {text("speedLimitKmh", t("fleet.typeSpeedLimit"), t("fleet.numberInvalid"))}
      </div>
      <Show when={props.type === null && session.can("organisations.manage")}>
        <form.form.Field name="universal">
          {(field) => (
            <SelectField
              field={field}
              label={t("fleet.typeScope")}
              testId="type-universal"
              hint={t("fleet.typeUniversalHint")}
              options={[
                { value: "false", label: t("fleet.typeScope_own") },
                { value: "true", label: t("fleet.typeUniversal") },
              ]}
            />
          )}
        </form.form.Field>
      </Show>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <Show when={props.type !== null && editable()}>
          <button
            type="button"
            class="button button--danger-outline vehicle-type-delete"
            data-testid="type-delete"
            onClick={() => setDeleting(true)}
          >
            {t("fleet.typeDelete")}
          </button>
        </Show>
        <DialogTextClose label={t("fleet.cancel")} />
        <Show when={editable()}>
          <SubmitButton
            submitting={form.submitting()}
            label={props.type === null ? t("fleet.typeCreate") : t("fleet.save")}
            submittingLabel={t("fleet.saving")}
            testId="type-submit"
          />
        </Show>
      </div>
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t("fleet.typeDeleteTitle", { name: props.type?.name ?? "" })}
        description={<p>{t("fleet.typeDeleteText")}</p>}
        confirmLabel={t("fleet.typeDelete")}
        destructive
        onConfirm={async () => {
          if (props.type === null) return
          await api.call(endpoints.vehicleTypes.delete, { params: { id: props.type.id } })
          await reload()
          showToast("success", t("fleet.typeDeleted", { name: props.type.name }))
          props.onClose()
        }}
      />
    </form>
  )
}

/** The type dialog: `open` is "new", a type, or null (closed). */
export const VehicleTypeDialog = (props: {
  readonly open: VehicleTypeView | "new" | null
  readonly onClose: () => void
}) => (
  <Dialog.Root open={props.open !== null} onOpenChange={(open) => !open && props.onClose()}>
    <Dialog.Portal>
      <Dialog.Overlay class="dialog__overlay" />
      <div class="dialog__positioner">
        <Dialog.Content class="dialog dialog--wide" data-testid="vehicle-type-dialog">
          <Show when={props.open} keyed>
            {(open) => <TypeForm type={open === "new" ? null : open} onClose={props.onClose} />}
          </Show>
        </Dialog.Content>
      </div>
    </Dialog.Portal>
  </Dialog.Root>
)
