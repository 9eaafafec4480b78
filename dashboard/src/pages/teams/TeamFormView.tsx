import { Schema } from "effect"
import type { JSX } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { SaveActions } from "../../ui/form/SaveActions"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"

export const TeamForm = Schema.Struct({
  name: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200)),
  description: Schema.String.check(Schema.isMaxLength(2000)),
})
export type TeamValues = (typeof TeamForm)["Encoded"]

/** A team's name and description, for a new team and for editing one. */
export const TeamFormView = (props: {
  readonly initial: TeamValues
  readonly onSubmit: (values: TeamValues) => Promise<void>
  readonly submitLabel: string
  readonly cancel?: JSX.Element
}) => {
  const { t } = useI18n()
  const form = createSchemaForm({ schema: TeamForm, defaultValues: props.initial, onSubmit: props.onSubmit })
  return (
    <form class="form" onSubmit={form.handleSubmit} data-testid="team-form" novalidate>
      <form.form.Field name="name">
        {(field) => (
          <TextField
            field={field}
            label={t("drivers.teamName")}
            autocomplete="off"
            data-testid="team-name"
            invalid={t("drivers.teamNameInvalid")}
            {...form.serverProps("name")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="description">
        {(field) => (
          <TextAreaField
            field={field}
            label={t("drivers.teamDescription")}
            rows={3}
            maxLength={2000}
            testId="team-description"
            {...form.serverProps("description")}
          />
        )}
      </form.form.Field>
      <SaveActions form={form} testId="team-submit" label={props.submitLabel} cancel={props.cancel} />
    </form>
  )
}
