import * as Dialog from "@kobalte/core/dialog"
import { Schema } from "effect"
import { For } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"

/** One input of a step: its name in the body, label, input type and the schema it must pass. */
export interface StepInput {
  readonly name: string
  readonly label: string
  readonly type?: "text" | "date"
  readonly hint?: string
  readonly invalid?: string
  readonly schema: Schema.Codec<string, string, never, never>
  readonly initial?: string
}

/**
 * A dialog for one step of the fine's flow that takes input (the receipt and date of "I paid", a
 * rejection's reason, a dispute's note); the step's error stays in the dialog, field errors on
 * their fields.
 */
export const StepDialog = (props: {
  readonly open: boolean
  readonly onOpenChange: (open: boolean) => void
  readonly title: string
  readonly description: string
  readonly submitLabel: string
  readonly testId: string
  readonly inputs: ReadonlyArray<StepInput>
  readonly onSubmit: (values: Readonly<Record<string, string>>) => Promise<void>
}) => {
  const { t } = useI18n()
  const schema = Schema.Struct(Object.fromEntries(props.inputs.map((i) => [i.name, i.schema])))
  const form = createSchemaForm({
    schema: schema as unknown as Schema.Codec<unknown, Record<string, string>, never, never>,
    defaultValues: Object.fromEntries(props.inputs.map((i) => [i.name, i.initial ?? ""])),
    onSubmit: async (values) => {
      await props.onSubmit(values)
      props.onOpenChange(false)
    },
  })
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog" data-testid={props.testId}>
            <Dialog.Title class="dialog__title">{props.title}</Dialog.Title>
            <Dialog.Description class="dialog__description">{props.description}</Dialog.Description>
            <form class="form" onSubmit={form.handleSubmit} novalidate>
              <For each={props.inputs}>
                {(input) => (
                  <form.form.Field name={input.name}>
                    {(field) => (
                      <TextField
                        field={field}
                        type={input.type ?? "text"}
                        label={input.label}
                        {...(input.hint === undefined ? {} : { hint: input.hint })}
                        {...(input.invalid === undefined ? {} : { invalid: input.invalid })}
                        data-testid={`${props.testId}-${input.name}`}
                        {...form.serverProps(input.name)}
                      />
                    )}
                  </form.form.Field>
                )}
              </For>
              <FormError error={form.formError()} />
              <div class="dialog__actions">
                <DialogTextClose label={t("common.cancel")} />
                <SubmitButton
                  submitting={form.submitting()}
                  label={props.submitLabel}
                  submittingLabel={t("common.saving")}
                  testId={`${props.testId}-submit`}
                />
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
