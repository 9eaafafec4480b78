import { endpoints } from "@fleetcore/contract"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { PasswordChecklist } from "../../auth/PasswordChecklist"
import { checkPassword, passwordAcceptable } from "../../auth/passwordRules"
import { useI18n } from "../../i18n/I18nContext"
import { showToast } from "../../ui/toast"

/** Changing the own password; the server ends the user's other sessions. */
export const ChangePasswordForm = () => {
  const { t } = useI18n()
  const api = useApi()
  const [current, setCurrent] = createSignal("")
  const [next, setNext] = createSignal("")
  const [confirmation, setConfirmation] = createSignal("")
  const [submitting, setSubmitting] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const check = () => checkPassword(next(), confirmation())

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (submitting() || !passwordAcceptable(check()) || current() === "") return
    setSubmitting(true)
    setError(undefined)
    try {
      await api.call(endpoints.me.changePassword, {
        body: { currentPassword: current(), newPassword: next() },
      })
      setCurrent("")
      setNext("")
      setConfirmation("")
      showToast("success", t("password.changed"), t("password.changedText"))
    } catch (cause) {
      setError(() => cause)
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
        <label class="form-field">
          <span>{t("password.current")}</span>
          <input
            type="password"
            autocomplete="current-password"
            required
            data-testid="password-current"
            value={current()}
            onInput={(event) => setCurrent(event.currentTarget.value)}
          />
        </label>
        <div class="form--row">
          <label class="form-field">
            <span>{t("password.new")}</span>
            <input
              type="password"
              autocomplete="new-password"
              required
              data-testid="password-new"
              value={next()}
              onInput={(event) => setNext(event.currentTarget.value)}
            />
          </label>
          <label class="form-field">
            <span>{t("password.confirm")}</span>
            <input
              type="password"
              autocomplete="new-password"
              required
              data-testid="password-confirm"
              value={confirmation()}
              onInput={(event) => setConfirmation(event.currentTarget.value)}
            />
          </label>
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
