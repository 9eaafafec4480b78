import { useI18n } from "../i18n/I18nContext"
import { PasswordField } from "./PasswordField"

/**
 * The new password and its confirmation (test ids `<testIdPrefix>-new` / `-confirm`); the caller
 * places them (side by side or stacked) and shows the `PasswordChecklist` under them.
 */
export const NewPasswordFields = (props: {
  readonly testIdPrefix: string
  readonly password: string
  readonly onPassword: (value: string) => void
  readonly confirmation: string
  readonly onConfirmation: (value: string) => void
  /** What the server found wrong with the new password, under it. */
  readonly passwordError?: string | undefined
}) => {
  const { t } = useI18n()
  return (
    <>
      <PasswordField
        label={t("password.new")}
        autocomplete="new-password"
        testId={`${props.testIdPrefix}-new`}
        value={props.password}
        onInput={props.onPassword}
        error={props.passwordError}
      />
      <PasswordField
        label={t("password.confirm")}
        autocomplete="new-password"
        testId={`${props.testIdPrefix}-confirm`}
        value={props.confirmation}
        onInput={props.onConfirmation}
      />
    </>
  )
}
