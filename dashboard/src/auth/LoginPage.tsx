import { A, Navigate, useNavigate, useSearchParams } from "@solidjs/router"
import { createSignal, Match, Show, Switch } from "solid-js"
import { ApiError } from "../api/ApiError"
import { errorMessage } from "../api/errorMessage"
import { useI18n } from "../i18n/I18nContext"
import { AuthLayout } from "./AuthLayout"
import { PasswordField } from "./PasswordField"
import { useSession } from "./SessionContext"
import { safeNext } from "./safeNext"

type Step = "password" | "totp" | "recovery"

/**
 * Sign-in: e-mail and password; when the account has two-factor sign-in the server answers
 * FLEET_AUTH_TOTP_REQUIRED and a second step asks for the authenticator's code (or a recovery code).
 */
export const LoginPage = () => {
  const { t } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [email, setEmail] = createSignal("")
  const [password, setPassword] = createSignal("")
  const [code, setCode] = createSignal("")
  const [step, setStep] = createSignal<Step>("password")
  const [submitting, setSubmitting] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  // Read once: after sign-in the URL changes, and the page must not re-read it on the way out.
  const destination = safeNext(typeof params.next === "string" ? params.next : undefined)
  const next = () => destination

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (submitting()) return
    setSubmitting(true)
    setError(undefined)
    const factor =
      step() === "totp"
        ? { totpCode: code().trim() }
        : step() === "recovery"
          ? { recoveryCode: code().trim().toLowerCase() }
          : undefined
    try {
      await session.login(email().trim(), password(), factor)
      navigate(next(), { replace: true })
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === "FLEET_AUTH_TOTP_REQUIRED") {
        setStep("totp")
      } else {
        setError(() => cause)
        if (step() === "password") setPassword("")
        else setCode("")
      }
    } finally {
      setSubmitting(false)
    }
  }

  const startOver = () => {
    setStep("password")
    setCode("")
    setPassword("")
    setError(undefined)
  }

  return (
    <Show when={session.status() !== "signedIn"} fallback={<Navigate href={next()} />}>
      <AuthLayout>
        <form class="auth-form" onSubmit={submit} data-testid="login-form">
          <Switch>
            <Match when={step() === "password"}>
              <h1>{t("login.title")}</h1>
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
              <PasswordField
                label={t("login.password")}
                name="password"
                autocomplete="current-password"
                testId="login-password"
                value={password()}
                onInput={setPassword}
              />
            </Match>
            <Match when={step() !== "password"}>
              <h1>{t("login.twoFactorTitle")}</h1>
              <p class="muted">{step() === "totp" ? t("login.totpText") : t("login.recoveryText")}</p>
              <label class="form-field">
                <span>{step() === "totp" ? t("login.totpCode") : t("login.recoveryCode")}</span>
                <input
                  type="text"
                  name="code"
                  required
                  autofocus
                  autocomplete="one-time-code"
                  inputmode={step() === "totp" ? "numeric" : "text"}
                  pattern={step() === "totp" ? "[0-9]{6}" : "[A-Za-z0-9]{5}-[A-Za-z0-9]{5}"}
                  maxLength={step() === "totp" ? 6 : 11}
                  placeholder={step() === "totp" ? "123456" : "abcde-12345"}
                  data-testid="login-code"
                  value={code()}
                  onInput={(event) => setCode(event.currentTarget.value)}
                />
              </label>
            </Match>
          </Switch>
          <Show when={error() !== undefined}>
            <p class="error-banner" role="alert" data-testid="login-error">
              {errorMessage(t, error())}
            </p>
          </Show>
          <button
            type="submit"
            class="button button--primary button--block"
            data-testid="login-submit"
            disabled={submitting()}
          >
            {submitting()
              ? t("login.submitting")
              : step() === "password"
                ? t("login.submit")
                : t("login.verify")}
          </button>
          <Show when={step() === "password"}>
            <div class="auth-form__links">
              <A href="/register-centre" class="link-button" data-testid="login-register-centre">
                {t("login.registerCentre")}
              </A>
            </div>
          </Show>
          <Show when={step() !== "password"}>
            <div class="auth-form__links">
              <button
                type="button"
                class="link-button"
                data-testid="login-use-recovery"
                onClick={() => {
                  setStep(step() === "totp" ? "recovery" : "totp")
                  setCode("")
                  setError(undefined)
                }}
              >
                {step() === "totp" ? t("login.useRecovery") : t("login.useTotp")}
              </button>
              <button type="button" class="link-button" onClick={startOver}>
                {t("login.startOver")}
              </button>
            </div>
          </Show>
        </form>
      </AuthLayout>
    </Show>
  )
}
