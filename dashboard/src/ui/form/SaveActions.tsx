import type { Accessor } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { FormError } from "./FormError"
import { SubmitButton } from "./SubmitButton"

/** The end of an edit form: the failure that belongs to no field, then the Save button. */
export const SaveActions = (props: {
  readonly form: { readonly formError: Accessor<unknown>; readonly submitting: Accessor<boolean> }
  readonly testId: string
}) => {
  const { t } = useI18n()
  return (
    <>
      <FormError error={props.form.formError()} />
      <div class="form__actions">
        <SubmitButton
          submitting={props.form.submitting()}
          label={t("common.save")}
          submittingLabel={t("common.saving")}
          testId={props.testId}
        />
      </div>
    </>
  )
}
