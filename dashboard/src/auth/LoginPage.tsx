import { createSignal, Show } from "solid-js"
import { errorMessage } from "../api/errorMessage"
import { useI18n } from "../i18n/I18nContext"
import { LanguageSwitcher } from "../ui/LanguageSwitcher"
import { useSession } from "./SessionContext"

export const LoginPage = () => {
  const { t } = useI18n()
  const session = useSession()
  const [email, setEmail] = createSignal("")
  const [password, setPassword] = createSignal("")
  const [submitting, setSubmitting] = createSignal(false)
  const [error, setError] = createSignal<unknown>()

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (submitting()) return
    setSubmitting(true)
    setError(undefined)
    try {
      await session.login(email().trim(), password())
    } catch (cause) {
      setError(() => cause)
      setPassword("")
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <main class="login-page">
      <div class="login-page__language">
        <LanguageSwitcher />
      </div>
      <form class="login-card" onSubmit={submit} data-testid="login-form">
        <div class="login-card__brand">
          <span class="logo" aria-hidden="true" />
          <h1>{t("app.title")}</h1>
        </div>
        <p class="muted">{t("login.subtitle")}</p>
        <h2>{t("login.title")}</h2>
        <Show when={session.signedOutReason() === "expired"}>
          <p class="notice" role="status">
            {t("login.sessionExpired")}
          </p>
        </Show>
        <label class="form-field">
          <span>{t("login.email")}</span>
          <input
            type="email"
            name="email"
            autocomplete="username"
            required
            data-testid="login-email"
            value={email()}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </label>
        <label class="form-field">
          <span>{t("login.password")}</span>
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            required
            data-testid="login-password"
            value={password()}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        <Show when={error() !== undefined}>
          <p class="error-banner" role="alert" data-testid="login-error">
            {errorMessage(t, error())}
          </p>
        </Show>
        <button
          type="submit"
          class="button button--primary"
          data-testid="login-submit"
          disabled={submitting()}
        >
          {submitting() ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
    </main>
  )
}
