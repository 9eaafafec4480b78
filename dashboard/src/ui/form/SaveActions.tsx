import type { Accessor, JSX } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { FormError } from "./FormError"
import { SubmitButton } from "./SubmitButton"

/**
 * The end of a form: the failure that belongs to no field, then (after an optional cancel) the
 * submit button, "Save" unless named otherwise.
 */
export const SaveActions = (props: {
  readonly form: { readonly formError: Accessor<unknown>; readonly submitting: Accessor<boolean> }
  readonly testId: string
  readonly label?: string
  readonly cancel?: JSX.Element
}) => {
  const { t } = useI18n()
  return (
    <>
      <FormError error={props.form.formError()} />
      <div class="form__actions">
        {props.cancel}
        <SubmitButton
          submitting={props.form.submitting()}
          label={props.label ?? t("common.save")}
          submittingLabel={t("common.saving")}
          testId={props.testId}
        />
      </div>
    </>
  )
}
