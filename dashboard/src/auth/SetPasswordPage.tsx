import { endpoints } from "@fleetcore/contract"
import { A, useLocation, useNavigate } from "@solidjs/router"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../api/ApiContext"
import { errorMessage } from "../api/errorMessage"
import { useI18n } from "../i18n/I18nContext"
import { showToast } from "../ui/toast"
import { AuthLayout } from "./AuthLayout"
import { NewPasswordFields } from "./NewPasswordFields"
import { PasswordChecklist } from "./PasswordChecklist"
import { checkPassword, linkToken, passwordAcceptable } from "./passwordRules"

/** A one-time link's page (`/set-password#token=…`): the new user (or a reset) chooses a password. */
export const SetPasswordPage = () => {
  const { t } = useI18n()
  const api = useApi()
  const navigate = useNavigate()
  const location = useLocation()
  const token = createMemo(() => linkToken(location.hash))
  const [password, setPassword] = createSignal("")
  const [confirmation, setConfirmation] = createSignal("")
  const [submitting, setSubmitting] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const check = () => checkPassword(password(), confirmation())

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const value = token()
    if (value === null || !passwordAcceptable(check()) || submitting()) return
    setSubmitting(true)
    setError(undefined)
    try {
      await api.call(endpoints.auth.setPassword, { body: { token: value, password: password() } })
      showToast("success", t("password.setDone"))
      navigate("/login", { replace: true })
    } catch (cause) {
      setError(() => cause)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <AuthLayout>
      <Show
        when={token() !== null}
        fallback={
          <div class="auth-form" data-testid="set-password-invalid">
            <h1>{t("password.setTitle")}</h1>
            <p class="error-banner" role="alert">
              {t("password.linkMissing")}
            </p>
            <A href="/login" class="button button--block">
              {t("password.toLogin")}
            </A>
          </div>
        }
      >
        <form class="auth-form" onSubmit={submit} data-testid="set-password-form">
          <h1>{t("password.setTitle")}</h1>
          <p class="muted">{t("password.setText")}</p>
          <NewPasswordFields
            testIdPrefix="set-password"
            password={password()}
            onPassword={setPassword}
            confirmation={confirmation()}
            onConfirmation={setConfirmation}
          />
          <PasswordChecklist check={check()} />
          <Show when={error() !== undefined}>
            <p class="error-banner" role="alert" data-testid="set-password-error">
              {errorMessage(t, error())}
            </p>
          </Show>
          <button
            type="submit"
            class="button button--primary button--block"
            data-testid="set-password-submit"
            disabled={submitting() || !passwordAcceptable(check())}
          >
            {submitting() ? t("common.saving") : t("password.setSubmit")}
          </button>
        </form>
      </Show>
    </AuthLayout>
  )
}
