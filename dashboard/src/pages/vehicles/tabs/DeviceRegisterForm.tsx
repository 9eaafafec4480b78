import { DeviceIdText, endpoints, TELTONIKA_MAPPED_MODELS } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { Show } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { useI18n } from "../../../i18n/I18nContext"
import { createSchemaForm } from "../../../ui/form/createSchemaForm"
import { FormError } from "../../../ui/form/FormError"
import { SelectField } from "../../../ui/form/SelectField"
import { SubmitButton } from "../../../ui/form/SubmitButton"
import { TextField } from "../../../ui/form/TextField"
import { showToast } from "../../../ui/toast"
import { invalidateVehicles } from "../vehicleQueries"
import type { ShownSecret } from "./DeviceSecretPanel"

const DeviceForm = Schema.Struct({
  id: DeviceIdText,
  protocol: Schema.Literals(["fleetcore", "teltonika", "osmand", "gt06"]),
  identifier: Schema.String.check(Schema.isPattern(/^([A-Za-z0-9._:-]{1,64})?$/u)),
  name: Schema.String.check(Schema.isMaxLength(200)),
  /** A Teltonika model with a built-in IO map, or "" for the generic map. */
  model: Schema.String,
})
type DeviceValues = (typeof DeviceForm)["Encoded"]

const EMPTY: DeviceValues = { id: "", protocol: "teltonika", identifier: "", name: "", model: "" }

/**
 * Registers a tracker for the vehicle: its protocol and, for Teltonika and OsmAnd, the identifier it
 * sends (the server checks an IMEI's digits and answers on the field). A FleetCore device gets a
 * secret, handed to `onSecret` before the device list refetches: the tab shows it, since this form
 * leaves once the vehicle has a device.
 */
export const DeviceRegisterForm = (props: {
  readonly vehicleId: string
  readonly onSecret: (shown: ShownSecret) => void
}) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const form = createSchemaForm({
    schema: DeviceForm,
    defaultValues: EMPTY,
    onSubmit: async (values) => {
      const created = await api.call(endpoints.devices.create, {
        body: {
          id: values.id,
          protocol: values.protocol,
          vehicleId: props.vehicleId,
          ...(values.protocol === "fleetcore" ? {} : { identifier: values.identifier }),
          ...(values.name.trim() === "" ? {} : { name: values.name.trim() }),
          ...(values.protocol === "teltonika" && values.model !== "" ? { model: values.model } : {}),
        },
      })
      if (created.secret !== null) props.onSecret({ id: created.id, secret: created.secret })
      showToast("success", t("devices.registered", { id: created.id }))
      form.form.reset()
      await queryClient.invalidateQueries({ queryKey: [endpoints.devices.list.id] })
      await invalidateVehicles(queryClient)
    },
  })
  const protocol = form.form.useStore((s) => s.values.protocol)
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="device-register-form" novalidate>
      <h3>{t("devices.registerTitle")}</h3>
      <form.form.Field name="protocol">
        {(field) => (
          <SelectField
            field={field}
            label={t("devices.protocol")}
            testId="device-protocol"
            options={[
              { value: "teltonika", label: t("devices.protocolTeltonika") },
              { value: "osmand", label: t("devices.protocolOsmand") },
              { value: "gt06", label: t("devices.protocolGt06") },
              { value: "fleetcore", label: t("devices.protocolFleetcore") },
            ]}
            {...form.serverProps("protocol")}
          />
        )}
      </form.form.Field>
      <Show when={protocol() !== "fleetcore"}>
        <form.form.Field name="identifier">
          {(field) => (
            <TextField
              field={field}
              label={t("devices.identifier")}
              hint={
                protocol() === "teltonika" || protocol() === "gt06"
                  ? t("devices.identifierHintTeltonika")
                  : t("devices.identifierHintOsmand")
              }
              inputmode={protocol() === "osmand" ? "text" : "numeric"}
              autocomplete="off"
              data-testid="device-identifier"
              invalid={t("devices.identifierInvalid")}
              {...form.serverProps("identifier")}
            />
          )}
        </form.form.Field>
      </Show>
      <Show when={protocol() === "teltonika"}>
        <form.form.Field name="model">
          {(field) => (
            <SelectField
              field={field}
              label={t("devices.model")}
              hint={t("devices.modelHint")}
              testId="device-model"
              options={[
                { value: "", label: t("devices.modelGeneric") },
                ...TELTONIKA_MAPPED_MODELS.map((m) => ({ value: m, label: m })),
              ]}
              {...form.serverProps("model")}
            />
          )}
        </form.form.Field>
      </Show>
      <form.form.Field name="id">
        {(field) => (
          <TextField
            field={field}
            label={t("devices.id")}
            hint={t("devices.idHint")}
            autocomplete="off"
            data-testid="device-id"
            invalid={t("devices.idInvalid")}
            {...form.serverProps("id")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="name">
        {(field) => (
          <TextField
            field={field}
            label={t("devices.name")}
            autocomplete="off"
            data-testid="device-name"
            {...form.serverProps("name")}
          />
        )}
      </form.form.Field>
      <FormError error={form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={form.submitting()}
          label={t("devices.register")}
          submittingLabel={t("devices.registering")}
          testId="device-register"
        />
      </div>
    </form>
  )
}
