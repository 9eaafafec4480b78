import { endpoints, type NotificationSettings, type NotificationSettingsChange } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { FormError } from "../../ui/form/FormError"
import { isBlank, type NumberRule, parseNumber } from "../../ui/form/numberText"
import { showToast } from "../../ui/toast"
import { CheckField, InputField } from "./PlainFields"

type Settings = typeof NotificationSettings.Encoded
type Change = {
  -readonly [K in keyof typeof NotificationSettingsChange.Encoded]: (typeof NotificationSettingsChange.Encoded)[K]
}

const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim())

/**
 * The organisation's e-mail and Telegram channels. Secrets are write-only: the form shows whether
 * one is set; an empty secret field keeps the stored one.
 */
/** A TCP port. */
const PORT: NumberRule = { fractionDigits: 0, min: 1, max: 65_535 }

export const ChannelSettingsForm = (props: { readonly initial: Settings }) => {
  const { t, locale } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const s = props.initial
  const session = useSession()
  /** Where the bot's menu button opens FleetCore as a Mini App (the Telegram page signs people in). */
  const miniAppAddress = () => `${window.location.origin}/tg?org=${session.user()?.orgId ?? ""}`
  const [emailOn, setEmailOn] = createSignal(s.emailEnabled)
  const [host, setHost] = createSignal(s.smtpHost ?? "")
  const [port, setPort] = createSignal(s.smtpPort === null ? "" : String(s.smtpPort))
  const [secure, setSecure] = createSignal(s.smtpSecure)
  const [user, setUser] = createSignal(s.smtpUser ?? "")
  const [password, setPassword] = createSignal("")
  const [from, setFrom] = createSignal(s.smtpFrom ?? "")
  const [telegramOn, setTelegramOn] = createSignal(s.telegramEnabled)
  const [token, setToken] = createSignal("")
  const [chats, setChats] = createSignal(s.telegramChatIds.join(", "))
  const [apiUrl, setApiUrl] = createSignal(s.telegramApiUrl ?? "")
  const [passwordSet, setPasswordSet] = createSignal(s.smtpPasswordSet)
  const [tokenSet, setTokenSet] = createSignal(s.telegramTokenSet)
  const [error, setError] = createSignal<unknown>()
  const [saving, setSaving] = createSignal(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setSaving(true)
    setError(undefined)
    try {
      const smtpPort = parseNumber(port(), locale(), PORT)
      if (smtpPort === null && !isBlank(port())) {
        setError(new Error(`${t("notifications.smtpPort")}: ${t("form.invalid")}`))
        return
      }
      const body: Change = {
        emailEnabled: emailOn(),
        smtpHost: orNull(host()),
        smtpPort,
        smtpSecure: secure(),
        smtpUser: orNull(user()),
        smtpFrom: orNull(from()),
        telegramEnabled: telegramOn(),
        telegramChatIds: chats()
          .split(",")
          .map((c) => c.trim())
          .filter((c) => c !== ""),
        telegramApiUrl: orNull(apiUrl()),
      }
      if (password() !== "") body.smtpPassword = password()
      if (token() !== "") body.telegramToken = token()
      const saved = await api.call(endpoints.notifications.updateSettings, { body })
      queryClient.setQueryData([endpoints.notifications.settings.id], saved)
      setPassword("")
      setToken("")
      setPasswordSet(saved.smtpPasswordSet)
      setTokenSet(saved.telegramTokenSet)
      showToast("success", t("notifications.channelsSaved"))
    } catch (e) {
      setError(() => e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate data-testid="notification-channels-form">
      <fieldset class="fieldset">
        <legend>{t("notifications.smtp")}</legend>
        <CheckField
          label={t("notifications.emailEnabled")}
          checked={emailOn()}
          onChecked={setEmailOn}
          testId="channels-email"
        />
        <Show when={emailOn()}>
          <div class="form--pair form--top">
            <InputField
              label={t("notifications.smtpHost")}
              name="smtpHost"
              value={host()}
              onValue={setHost}
              placeholder="smtp.example.com"
              data-testid="channels-smtp-host"
            />
            <InputField
              label={t("notifications.smtpPort")}
              name="smtpPort"
              value={port()}
              onValue={setPort}
              inputmode="numeric"
              placeholder="587"
            />
          </div>
          <CheckField
            label={t("notifications.smtpSecure")}
            checked={secure()}
            onChecked={setSecure}
            testId="channels-smtp-secure"
          />
          <div class="form--pair form--top">
            <InputField
              label={t("notifications.smtpUser")}
              name="smtpUser"
              value={user()}
              onValue={setUser}
              autocomplete="off"
            />
            <InputField
              type="password"
              label={t("notifications.smtpPassword")}
              name="smtpPassword"
              value={password()}
              onValue={setPassword}
              autocomplete="new-password"
              hint={passwordSet() ? t("notifications.secretSet") : t("notifications.secretUnset")}
              data-testid="channels-smtp-password"
            />
          </div>
          <InputField
            label={t("notifications.smtpFrom")}
            name="smtpFrom"
            value={from()}
            onValue={setFrom}
            placeholder="alerts@example.com"
          />
        </Show>
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t("notifications.telegramSection")}</legend>
        <CheckField
          label={t("notifications.telegramEnabled")}
          checked={telegramOn()}
          onChecked={setTelegramOn}
          testId="channels-telegram"
        />
        <Show when={telegramOn()}>
          <InputField
            type="password"
            label={t("notifications.telegramToken")}
            name="telegramToken"
            value={token()}
            onValue={setToken}
            autocomplete="off"
            hint={tokenSet() ? t("notifications.secretSet") : t("notifications.secretUnset")}
            data-testid="channels-telegram-token"
          />
          <InputField
            label={t("notifications.telegramChats")}
            name="telegramChatIds"
            value={chats()}
            onValue={setChats}
            hint={t("notifications.telegramChatsHint")}
            placeholder="-1001234567890"
          />
          <InputField
            label={t("notifications.telegramApiUrl")}
            name="telegramApiUrl"
            value={apiUrl()}
            onValue={setApiUrl}
            hint={t("notifications.telegramApiUrlHint")}
          />
          <div class="form-field">
            <span>{t("telegram.miniAppAddress")}</span>
            <code class="mini-app-address" data-testid="channels-mini-app-address">
              {miniAppAddress()}
            </code>
            <span class="form-field__hint">{t("telegram.miniAppAddressText")}</span>
          </div>
        </Show>
      </fieldset>
      <FormError error={error()} />
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={saving()} data-testid="channels-save">
          {t("notifications.save")}
        </button>
      </div>
    </form>
  )
}
