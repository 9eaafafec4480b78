import { endpoints } from "@fleetcore/contract"
import { ShieldCheck, ShieldOff } from "lucide-solid"
import QRCode from "qrcode"
import { createResource, createSignal, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { PasswordField } from "../../auth/PasswordField"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { showToast } from "../../ui/toast"
import { RecoveryCodes } from "./RecoveryCodes"

type Stage =
  | { readonly kind: "idle" }
  | { readonly kind: "setup"; readonly secret: string; readonly otpauthUrl: string }
  | { readonly kind: "codes"; readonly codes: ReadonlyArray<string> }

const SIX_DIGITS = /^\d{6}$/u

/**
 * Two-factor sign-in with an authenticator app: set up (QR code and the secret as text), confirm
 * a code, keep the recovery codes shown once; regenerate them; turn it off with the password.
 */
export const TotpSection = (props: { readonly enabled: boolean }) => {
  const { t } = useI18n()
  const api = useApi()
  const session = useSession()
  const [stage, setStage] = createSignal<Stage>({ kind: "idle" })
  const [code, setCode] = createSignal("")
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const [disableOpen, setDisableOpen] = createSignal(false)
  const [disablePassword, setDisablePassword] = createSignal("")

  const [qr] = createResource(
    () => {
      const current = stage()
      return current.kind === "setup" ? current.otpauthUrl : false
    },
    (url) => QRCode.toDataURL(url, { margin: 1, width: 200, errorCorrectionLevel: "M" }),
  )

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    try {
      await action()
    } catch (cause) {
      setError(() => cause)
    } finally {
      setBusy(false)
    }
  }
  const reloadUser = async () => session.setUser(await api.call(endpoints.me.get, {}))

  const start = () =>
    run(async () => {
      const setup = await api.call(endpoints.me.totpSetup, {})
      setCode("")
      setStage({ kind: "setup", secret: setup.secret, otpauthUrl: setup.otpauthUrl })
    })
  const confirm = (event: SubmitEvent) => {
    event.preventDefault()
    if (!SIX_DIGITS.test(code())) return
    void run(async () => {
      const answer = await api.call(endpoints.me.totpEnable, { body: { code: code() } })
      setStage({ kind: "codes", codes: answer.recoveryCodes })
      setCode("")
      showToast("success", t("totp.enabled"))
      await reloadUser()
    })
  }
  const regenerate = (event: SubmitEvent) => {
    event.preventDefault()
    if (!SIX_DIGITS.test(code())) return
    void run(async () => {
      const answer = await api.call(endpoints.me.recoveryCodes, { body: { code: code() } })
      setStage({ kind: "codes", codes: answer.recoveryCodes })
      setCode("")
    })
  }
  const codeInput = (testId: string) => (
    <label class="form-field form-field--code">
      <span>{t("totp.code")}</span>
      <input
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        placeholder="123456"
        required
        data-testid={testId}
        value={code()}
        onInput={(event) => setCode(event.currentTarget.value.replace(/\D/gu, ""))}
      />
    </label>
  )

  return (
    <section class="panel" data-testid="totp-section" data-enabled={String(props.enabled)}>
      <div class="panel__header">
        <h2>{t("totp.title")}</h2>
        <span class={props.enabled ? "badge badge--success" : "badge"} data-testid="totp-status">
          {props.enabled ? t("totp.on") : t("totp.off")}
        </span>
      </div>
      <Switch>
        <Match when={stage().kind === "codes" && stage()}>
          {(current) => (
            <RecoveryCodes
              codes={(current() as Extract<Stage, { kind: "codes" }>).codes}
              onDone={() => setStage({ kind: "idle" })}
            />
          )}
        </Match>
        <Match when={stage().kind === "setup" && stage()}>
          {(current) => (
            <form class="form" onSubmit={confirm} data-testid="totp-setup">
              <p>{t("totp.scan")}</p>
              <div class="totp-setup">
                <Show when={qr()} fallback={<div class="totp-setup__qr totp-setup__qr--loading" />}>
                  {(src) => (
                    <img class="totp-setup__qr" src={src()} alt={t("totp.qrAlt")} width="200" height="200" />
                  )}
                </Show>
                <div class="totp-setup__secret">
                  <p class="muted">{t("totp.manual")}</p>
                  <code class="code-block" data-testid="totp-secret">
                    {(current() as Extract<Stage, { kind: "setup" }>).secret}
                  </code>
                </div>
              </div>
              {codeInput("totp-code")}
              <Show when={error() !== undefined}>
                <p class="error-banner" role="alert">
                  {errorMessage(t, error())}
                </p>
              </Show>
              <div class="form__actions">
                <button type="button" class="button" onClick={() => setStage({ kind: "idle" })}>
                  {t("common.cancel")}
                </button>
                <button
                  type="submit"
                  class="button button--primary"
                  data-testid="totp-confirm"
                  disabled={busy()}
                >
                  {t("totp.confirm")}
                </button>
              </div>
            </form>
          )}
        </Match>
        <Match when={!props.enabled}>
          <p class="muted">{t("totp.offText")}</p>
          <Show when={error() !== undefined}>
            <p class="error-banner" role="alert">
              {errorMessage(t, error())}
            </p>
          </Show>
          <div class="form__actions">
            <button
              type="button"
              class="button button--primary"
              data-testid="totp-start"
              disabled={busy()}
              onClick={start}
            >
              <ShieldCheck size={16} aria-hidden="true" />
              {t("totp.setUp")}
            </button>
          </div>
        </Match>
        <Match when={props.enabled}>
          <p class="muted">{t("totp.onText")}</p>
          <form class="form form--row form--align-end" onSubmit={regenerate}>
            {codeInput("totp-regenerate-code")}
            <button type="submit" class="button" data-testid="totp-regenerate" disabled={busy()}>
              {t("totp.regenerate")}
            </button>
          </form>
          <Show when={error() !== undefined}>
            <p class="error-banner" role="alert">
              {errorMessage(t, error())}
            </p>
          </Show>
          <div class="form__actions">
            <button
              type="button"
              class="button button--danger-outline"
              data-testid="totp-disable"
              onClick={() => setDisableOpen(true)}
            >
              <ShieldOff size={16} aria-hidden="true" />
              {t("totp.disable")}
            </button>
          </div>
        </Match>
      </Switch>
      <ConfirmDialog
        open={disableOpen()}
        onOpenChange={(open) => {
          setDisableOpen(open)
          if (!open) setDisablePassword("")
        }}
        title={t("totp.disableTitle")}
        destructive
        confirmLabel={t("totp.disable")}
        description={
          <>
            <p>{t("totp.disableText")}</p>
            <PasswordField
              label={t("password.current")}
              autocomplete="current-password"
              required={false}
              testId="totp-disable-password"
              value={disablePassword()}
              onInput={setDisablePassword}
            />
          </>
        }
        onConfirm={async () => {
          await api.call(endpoints.me.totpDisable, { body: { password: disablePassword() } })
          setDisablePassword("")
          await reloadUser()
          showToast("success", t("totp.disabled"))
        }}
      />
    </section>
  )
}
