import "../organisations/adminPages.css"
import "../contracts/records.css"
import "./notifications.css"
import { endpoints, type NotificationPreferences } from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { createSignal, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { ErrorState } from "../../ui/ErrorState"
import { FormError } from "../../ui/form/FormError"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { showToast } from "../../ui/toast"
import { CheckField, InputField } from "./PlainFields"
import { TypesPicker } from "./TypesPicker"

type Preferences = typeof NotificationPreferences.Encoded

/** The form of my preferences: which types on which channel, my Telegram chat, quiet hours. */
const PreferencesForm = (props: { readonly initial: Preferences }) => {
  const { t, zone } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const p = props.initial
  const [inApp, setInApp] = createSignal(p.inAppTypes)
  const [emailOn, setEmailOn] = createSignal(p.emailEnabled)
  const [email, setEmail] = createSignal(p.emailTypes)
  const [telegramOn, setTelegramOn] = createSignal(p.telegramEnabled)
  const [chat, setChat] = createSignal(p.telegramChatId ?? "")
  const [telegram, setTelegram] = createSignal(p.telegramTypes)
  const [quietOn, setQuietOn] = createSignal(p.quietFrom !== null)
  const [from, setFrom] = createSignal(p.quietFrom ?? "22:00")
  const [to, setTo] = createSignal(p.quietTo ?? "07:00")
  const [error, setError] = createSignal<unknown>()
  const [saving, setSaving] = createSignal(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setSaving(true)
    setError(undefined)
    try {
      const body: Preferences = {
        inAppTypes: inApp(),
        emailEnabled: emailOn(),
        emailTypes: email(),
        telegramEnabled: telegramOn(),
        telegramChatId: chat().trim() === "" ? null : chat().trim(),
        telegramTypes: telegram(),
        quietFrom: quietOn() ? from() : null,
        quietTo: quietOn() ? to() : null,
      }
      const saved = await api.call(endpoints.notifications.updatePreferences, { body })
      queryClient.setQueryData([endpoints.notifications.preferences.id], saved)
      showToast("success", t("notifications.saved"))
    } catch (e) {
      setError(() => e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate data-testid="notification-preferences-form">
      <fieldset class="fieldset">
        <legend>{t("notifications.inApp")}</legend>
        <TypesPicker value={inApp()} onValue={setInApp} testId="prefs-in-app-types" />
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t("notifications.email")}</legend>
        <CheckField
          label={t("notifications.email")}
          checked={emailOn()}
          onChecked={setEmailOn}
          testId="prefs-email"
        />
        <Show when={emailOn()}>
          <TypesPicker value={email()} onValue={setEmail} testId="prefs-email-types" />
        </Show>
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t("notifications.telegram")}</legend>
        <CheckField
          label={t("notifications.telegram")}
          checked={telegramOn()}
          onChecked={setTelegramOn}
          testId="prefs-telegram"
        />
        <Show when={telegramOn()}>
          <InputField
            label={t("notifications.telegramChatId")}
            name="telegramChatId"
            value={chat()}
            onValue={setChat}
            hint={t("notifications.telegramChatIdHint")}
            data-testid="prefs-telegram-chat"
          />
          <TypesPicker value={telegram()} onValue={setTelegram} testId="prefs-telegram-types" />
        </Show>
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t("notifications.quietHours")}</legend>
        <p class="muted">{t("notifications.quietHoursText")}</p>
        <CheckField
          label={t("notifications.quietHours")}
          checked={quietOn()}
          onChecked={setQuietOn}
          testId="prefs-quiet"
        />
        <Show when={quietOn()}>
          <div class="form--pair form--top">
            <InputField
              type="time"
              label={t("notifications.quietFrom")}
              name="quietFrom"
              value={from()}
              onValue={setFrom}
              data-testid="prefs-quiet-from"
            />
            <InputField
              type="time"
              label={t("notifications.quietTo")}
              name="quietTo"
              value={to()}
              onValue={setTo}
              data-testid="prefs-quiet-to"
            />
          </div>
          <p class="muted" data-testid="prefs-quiet-zone">
            {t("notifications.quietHoursZone", { zone: zone() })}
          </p>
        </Show>
      </fieldset>
      <FormError error={error()} />
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={saving()} data-testid="prefs-save">
          {t("notifications.save")}
        </button>
      </div>
    </form>
  )
}

/** My notification preferences (from the inbox and the profile). */
export const NotificationPreferencesPage = () => {
  const { t } = useI18n()
  const api = useApi()
  const query = useQuery(() => ({
    queryKey: [endpoints.notifications.preferences.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.notifications.preferences, {}, signal),
  }))
  return (
    <div class="page page--narrow" data-testid="notification-preferences-page">
      <PageHeader title={t("notifications.prefsTitle")} description={t("notifications.prefsDescription")} />
      <Switch>
        <Match when={query.isLoading}>
          <Spinner label={t("states.loading")} />
        </Match>
        <Match when={query.isError}>
          <ErrorState error={query.error} retry={() => void query.refetch()} />
        </Match>
        <Match when={query.data}>
          {(prefs) => (
            <section class="panel">
              <PreferencesForm initial={prefs()} />
            </section>
          )}
        </Match>
      </Switch>
    </div>
  )
}
