import { DisplayName, endpoints, Phone } from "@fleetcore/contract"
import { Schema } from "effect"
import { For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { usePreferences } from "../../frame/usePreferences"
import { useI18n } from "../../i18n/I18nContext"
import { isLocale, localeNames, locales } from "../../i18n/locales"
import { isThemePreference, THEME_PREFERENCES } from "../../theme/createTheme"
import { useTheme } from "../../theme/ThemeContext"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { SaveActions } from "../../ui/form/SaveActions"
import { TextField } from "../../ui/form/TextField"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { ChangePasswordForm } from "./ChangePasswordForm"
import { TelegramSection } from "./TelegramSection"
import { TimeZoneSection } from "./TimeZoneSection"
import { TotpSection } from "./TotpSection"

/** The profile form: the contract's own field schemas; an empty phone means "none". */
const ProfileForm = Schema.Struct({ name: DisplayName, phone: Schema.Union([Schema.Literal(""), Phone]) })

/**
 * The signed-in user's own page: name, phone, language, theme, time zone, password, two-factor
 * sign-in, Telegram.
 */
export const ProfilePage = () => {
  const { t, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const theme = useTheme()
  const preferences = usePreferences()
  const user = () => session.user()

  const details = createSchemaForm({
    schema: ProfileForm,
    defaultValues: { name: user()?.name ?? "", phone: user()?.phone ?? "" },
    onSubmit: async (values) => {
      const me = await api.call(endpoints.me.update, {
        body: { name: values.name, phone: values.phone === "" ? null : values.phone },
      })
      session.setUser(me)
      showToast("success", t("profile.saved"))
    },
  })

  return (
    <div class="page page--narrow">
      <PageHeader title={t("profile.title")} description={user()?.email} />

      <section class="panel">
        <div class="panel__header">
          <h2>{t("profile.details")}</h2>
        </div>
        <form class="form" onSubmit={details.handleSubmit} data-testid="profile-form" novalidate>
          <details.form.Field name="name">
            {(field) => (
              <TextField
                field={field}
                label={t("profile.name")}
                autocomplete="name"
                data-testid="profile-name"
                invalid={t("profile.nameInvalid")}
                {...details.serverProps("name")}
              />
            )}
          </details.form.Field>
          <details.form.Field name="phone">
            {(field) => (
              <TextField
                field={field}
                label={t("profile.phone")}
                type="tel"
                autocomplete="tel"
                data-testid="profile-phone"
                hint={t("profile.phoneHint")}
                invalid={t("profile.phoneInvalid")}
                {...details.serverProps("phone")}
              />
            )}
          </details.form.Field>
          <SaveActions form={details} testId="profile-save" />
        </form>
      </section>

      <section class="panel">
        <div class="panel__header">
          <h2>{t("profile.preferences")}</h2>
          <p class="muted">{t("profile.preferencesText")}</p>
        </div>
        <div class="form form--row">
          <label class="form-field">
            <span>{t("header.language")}</span>
            <select
              class="select"
              data-testid="profile-language"
              value={locale()}
              onChange={(event) => {
                const next = event.currentTarget.value
                if (isLocale(next)) void preferences.setLanguage(next)
              }}
            >
              <For each={locales}>{(code) => <option value={code}>{localeNames[code]}</option>}</For>
            </select>
          </label>
          <label class="form-field">
            <span>{t("theme.label")}</span>
            <select
              class="select"
              data-testid="profile-theme"
              value={theme.preference()}
              onChange={(event) => {
                const next = event.currentTarget.value
                if (isThemePreference(next)) void preferences.setTheme(next)
              }}
            >
              <For each={THEME_PREFERENCES}>{(p) => <option value={p}>{t(`theme.${p}`)}</option>}</For>
            </select>
          </label>
        </div>
      </section>

      <TimeZoneSection />
      <ChangePasswordForm />
      <Show when={user()}>{(me) => <TotpSection enabled={me().totpEnabled} />}</Show>
      <TelegramSection />
    </div>
  )
}
