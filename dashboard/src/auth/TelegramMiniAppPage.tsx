import { useNavigate, useSearchParams } from "@solidjs/router"
import { createSignal, Match, onMount, Switch } from "solid-js"
import { ApiError } from "../api/ApiError"
import { errorMessage } from "../api/errorMessage"
import { useI18n } from "../i18n/I18nContext"
import { isLocale, type Locale } from "../i18n/locales"
import { AuthLayout } from "./AuthLayout"
import { useSession } from "./SessionContext"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu
const LINK_CODE = /^[A-Z0-9]{10}$/u

/**
 * The signed data Telegram hands a Mini App: `window.Telegram.WebApp.initData` when Telegram's
 * script is on the page, else the `tgWebAppData` parameter of the address's fragment, where Telegram
 * clients put it.
 */
const telegramInitData = (): string => {
  const webApp = (window as { Telegram?: { WebApp?: { initData?: string } } }).Telegram?.WebApp
  if (typeof webApp?.initData === "string" && webApp.initData !== "") return webApp.initData
  return new URLSearchParams(window.location.hash.replace(/^#/u, "")).get("tgWebAppData") ?? ""
}

/** The Telegram client's language (`language_code` of initData's user), when the dashboard speaks it. */
const telegramLocale = (initData: string): Locale | undefined => {
  try {
    const user = JSON.parse(new URLSearchParams(initData).get("user") ?? "{}") as { language_code?: unknown }
    const code = typeof user.language_code === "string" ? user.language_code.slice(0, 2).toLowerCase() : ""
    return isLocale(code) ? code : undefined
  } catch {
    return undefined
  }
}

type Stage = "signingIn" | "needsCode" | "notFromTelegram" | "failed"

/**
 * `/tg?org=<organisation id>`: FleetCore opened from the organisation's Telegram bot as a Mini App.
 * A linked account is signed in at once (no password) and taken to its home (a driver's: the
 * driver portal); one not linked yet is asked once for the link code from the profile.
 */
export const TelegramMiniAppPage = () => {
  const { t, setLocale } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const organisationId = typeof params.org === "string" ? params.org : ""
  const initData = telegramInitData()
  const [stage, setStage] = createSignal<Stage>("signingIn")
  const [code, setCode] = createSignal("")
  const [error, setError] = createSignal<unknown>()
  const [busy, setBusy] = createSignal(false)

  const signIn = async (linkCode?: string) => {
    setBusy(true)
    setError(undefined)
    try {
      await session.telegramSignIn(organisationId, initData, linkCode)
      navigate(session.user()?.role === "driver" ? "/driver" : "/", { replace: true })
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === "FLEET_TELEGRAM_NOT_LINKED") setStage("needsCode")
      else {
        setError(() => cause)
        if (linkCode === undefined) setStage("failed")
      }
    } finally {
      setBusy(false)
    }
  }

  onMount(() => {
    // Until someone is signed in, the page speaks the Telegram client's language.
    const locale = telegramLocale(initData)
    if (locale !== undefined) setLocale(locale)
    if (!UUID.test(organisationId) || initData === "") setStage("notFromTelegram")
    else void signIn()
  })

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const value = code().trim().toUpperCase()
    if (!LINK_CODE.test(value) || busy()) return
    void signIn(value)
  }

  return (
    <AuthLayout>
      <div class="auth-form" data-testid="telegram-mini-app">
        <h1>{t("telegram.miniAppTitle")}</h1>
        <Switch>
          <Match when={stage() === "signingIn"}>
            <p class="muted" role="status">
              {t("telegram.signingIn")}
            </p>
          </Match>
          <Match when={stage() === "notFromTelegram"}>
            <p class="notice" role="alert" data-testid="telegram-not-from-telegram">
              {t("telegram.notFromTelegram")}
            </p>
          </Match>
          <Match when={stage() === "failed"}>
            <p class="error-banner" role="alert" data-testid="telegram-error">
              {errorMessage(t, error())}
            </p>
          </Match>
          <Match when={stage() === "needsCode"}>
            <form class="auth-form" onSubmit={submit} data-testid="telegram-link-form">
              <h2>{t("telegram.linkTitle")}</h2>
              <p class="muted">{t("telegram.linkText")}</p>
              <label class="form-field">
                <span>{t("telegram.code")}</span>
                <input
                  type="text"
                  name="code"
                  required
                  autocomplete="one-time-code"
                  autocapitalize="characters"
                  pattern="[A-Za-z0-9]{10}"
                  maxLength={10}
                  placeholder="ABCDE23456"
                  title={t("telegram.codeInvalid")}
                  data-testid="telegram-code"
                  value={code()}
                  onInput={(event) => setCode(event.currentTarget.value)}
                />
              </label>
              {error() !== undefined && (
                <p class="error-banner" role="alert" data-testid="telegram-error">
                  {errorMessage(t, error())}
                </p>
              )}
              <button
                class="button button--primary button--block"
                type="submit"
                disabled={busy()}
                data-testid="telegram-sign-in"
              >
                {t("telegram.signIn")}
              </button>
            </form>
          </Match>
        </Switch>
      </div>
    </AuthLayout>
  )
}
