import { endpoints } from "@fleetcore/contract"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { ApiError } from "../../api/ApiError"
import { errorMessage } from "../../api/errorMessage"
import { NewPasswordFields } from "../../auth/NewPasswordFields"
import { PasswordChecklist } from "../../auth/PasswordChecklist"
import { PasswordField } from "../../auth/PasswordField"
import { checkPassword, passwordAcceptable } from "../../auth/passwordRules"
import { useI18n } from "../../i18n/I18nContext"
import { showToast } from "../../ui/toast"

type PasswordInput = "currentPassword" | "newPassword"

/** Changing the own password; the server ends the user's other sessions. */
export const ChangePasswordForm = () => {
  const { t } = useI18n()
  const api = useApi()
  const [current, setCurrentSignal] = createSignal("")
  const [next, setNextSignal] = createSignal("")
  /** The server's refusal of one of the passwords, shown under it until that password is edited. */
  const [fieldError, setFieldError] = createSignal<{ field: PasswordInput; message: string } | null>(null)
  const errorOf = (field: PasswordInput) => {
    const e = fieldError()
    return e?.field === field ? e.message : undefined
  }
  const edited = (field: PasswordInput, set: (value: string) => void) => (value: string) => {
    set(value)
    if (fieldError()?.field === field) setFieldError(null)
  }
  const setCurrent = edited("currentPassword", setCurrentSignal)
  const setNext = edited("newPassword", setNextSignal)
  const [confirmation, setConfirmation] = createSignal("")
  const [submitting, setSubmitting] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const check = () => checkPassword(next(), confirmation())

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (submitting() || !passwordAcceptable(check()) || current() === "") return
    setSubmitting(true)
    setError(undefined)
    setFieldError(null)
    try {
      await api.call(endpoints.me.changePassword, {
        body: { currentPassword: current(), newPassword: next() },
      })
      setCurrent("")
      setNext("")
      setConfirmation("")
      showToast("success", t("password.changed"), t("password.changedText"))
    } catch (cause) {
      const code = cause instanceof ApiError ? cause.code : undefined
      if (code === "FLEET_AUTH_INVALID_CREDENTIALS")
        setFieldError({ field: "currentPassword", message: t("password.currentWrong") })
      else if (code === "FLEET_PASSWORD_UNCHANGED")
        setFieldError({ field: "newPassword", message: t("password.unchanged") })
      else if (cause instanceof ApiError && code === "FLEET_PASSWORD_WEAK")
        setFieldError({ field: "newPassword", message: cause.detail ?? cause.message })
      else setError(() => cause)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <section class="panel">
      <div class="panel__header">
        <h2>{t("password.changeTitle")}</h2>
      </div>
      <form class="form" onSubmit={submit} data-testid="password-form">
        <PasswordField
          label={t("password.current")}
          autocomplete="current-password"
          testId="password-current"
          value={current()}
          onInput={setCurrent}
          error={errorOf("currentPassword")}
        />
        <div class="form--row">
          <NewPasswordFields
            testIdPrefix="password"
            password={next()}
            onPassword={setNext}
            confirmation={confirmation()}
            onConfirmation={setConfirmation}
            passwordError={errorOf("newPassword")}
          />
        </div>
        <PasswordChecklist check={check()} />
        <Show when={error() !== undefined}>
          <p class="error-banner" role="alert" data-testid="password-error">
            {errorMessage(t, error())}
          </p>
        </Show>
        <div class="form__actions">
          <button
            type="submit"
            class="button button--primary"
            data-testid="password-submit"
            disabled={submitting() || !passwordAcceptable(check()) || current() === ""}
          >
            {submitting() ? t("common.saving") : t("password.changeSubmit")}
          </button>
        </div>
      </form>
    </section>
  )
}
