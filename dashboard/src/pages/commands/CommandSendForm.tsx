import {
  type CallInput,
  COMMAND_PROTOCOLS,
  COMMAND_TYPES,
  type CommandType,
  DANGEROUS_COMMANDS,
  endpoints,
  type NewCommand,
} from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import type { Locale } from "../../i18n/locales"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { parseNumber } from "../../ui/form/numberText"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { showToast } from "../../ui/toast"
import { COMMAND_LABELS } from "./commandQueries"

/** The form as typed: every parameter as text; the server checks them against the command's type. */
const CommandForm = Schema.Struct({
  type: Schema.Literals(COMMAND_TYPES),
  outputs: Schema.String,
  seconds: Schema.String,
  text: Schema.String,
})
type CommandValues = (typeof CommandForm)["Encoded"]

const bodyOf = (v: CommandValues, locale: Locale): NewCommand => {
  switch (v.type) {
    case "setdigout":
      return { type: "setdigout", params: { outputs: v.outputs.trim() } }
    case "setInterval":
      // Not a whole number: sent as null, which the server refuses on the field.
      return {
        type: "setInterval",
        params: { seconds: parseNumber(v.seconds, locale, { fractionDigits: 0 }) ?? Number.NaN },
      }
    case "raw":
      return { type: "raw", params: { text: v.text } }
    default:
      return { type: v.type }
  }
}

/**
 * Sends a command valid for the device's protocol. Commands that stop the engine, restart the
 * device or send raw text ask for a confirmation first, saying what will happen.
 */
export const CommandSendForm = (props: { readonly deviceId: string; readonly protocol: string }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const types = createMemo(() =>
    (COMMAND_PROTOCOLS[props.protocol] ?? []).filter((c) => c !== "raw" || session.can("devices.commandRaw")),
  )
  const [pending, setPending] = createSignal<NewCommand | null>(null)
  const send = async (body: NewCommand) => {
    // The body is one of the union's members; CallInput spells the union member by member.
    const input = { params: { id: props.deviceId }, body } as CallInput<
      typeof endpoints.deviceCommands.create
    >
    const sent = await api.call(endpoints.deviceCommands.create, input)
    await queryClient.invalidateQueries({ queryKey: [endpoints.deviceCommands.list.id, props.deviceId] })
    showToast(
      "success",
      t(sent.status === "queued" ? "commands.queued" : "commands.sent", { id: props.deviceId }),
    )
  }
  const form = createSchemaForm({
    schema: CommandForm,
    defaultValues: { type: types()[0] ?? "raw", outputs: "1", seconds: "60", text: "" },
    onSubmit: async (values) => {
      const body = bodyOf(values, locale())
      if (DANGEROUS_COMMANDS.includes(body.type)) setPending(body)
      else await send(body)
    },
  })
  const type = form.form.useStore((s) => s.values.type)
  const warning = (command: CommandType) =>
    command === "engineStop"
      ? t("commands.confirmEngineStop")
      : command === "raw"
        ? t("commands.confirmRaw")
        : t("commands.confirmReset")
  return (
    <Show when={types().length > 0} fallback={<p class="muted">{t("commands.noCommandsForProtocol")}</p>}>
      <form class="form" onSubmit={form.handleSubmit} data-testid="command-form" novalidate>
        <h3>{t("commands.sendTitle")}</h3>
        <form.form.Field name="type">
          {(field) => (
            <SelectField
              field={field}
              label={t("commands.type")}
              testId="command-type"
              options={types().map((c) => ({ value: c, label: t(`commands.${COMMAND_LABELS[c]}`) }))}
              {...form.serverProps("type")}
            />
          )}
        </form.form.Field>
        <Show when={type() === "setdigout"}>
          <form.form.Field name="outputs">
            {(field) => (
              <TextField
                field={field}
                label={t("commands.outputs")}
                hint={t("commands.outputsHint")}
                autocomplete="off"
                data-testid="command-outputs"
                {...form.serverProps("outputs")}
              />
            )}
          </form.form.Field>
        </Show>
        <Show when={type() === "setInterval"}>
          <form.form.Field name="seconds">
            {(field) => (
              <TextField
                field={field}
                label={t("commands.seconds")}
                inputmode="numeric"
                autocomplete="off"
                data-testid="command-seconds"
                {...form.serverProps("seconds")}
              />
            )}
          </form.form.Field>
        </Show>
        <Show when={type() === "raw"}>
          <form.form.Field name="text">
            {(field) => (
              <TextField
                field={field}
                label={t("commands.rawText")}
                hint={t("commands.rawHint")}
                autocomplete="off"
                data-testid="command-text"
                {...form.serverProps("text")}
              />
            )}
          </form.form.Field>
        </Show>
        <FormError error={form.formError()} />
        <div class="form__actions">
          <SubmitButton
            submitting={form.submitting()}
            label={t("commands.send")}
            submittingLabel={t("commands.sending")}
            testId="command-send"
          />
        </div>
      </form>
      <ConfirmDialog
        open={pending() !== null}
        onOpenChange={(open) => {
          if (!open) setPending(null)
        }}
        title={t("commands.confirmTitle", {
          command: t(`commands.${COMMAND_LABELS[pending()?.type ?? "raw"]}`),
          id: props.deviceId,
        })}
        description={<p>{warning(pending()?.type ?? "raw")}</p>}
        confirmLabel={t("commands.confirmSend")}
        destructive
        onConfirm={async () => {
          const body = pending()
          if (body !== null) await send(body)
        }}
      />
    </Show>
  )
}
