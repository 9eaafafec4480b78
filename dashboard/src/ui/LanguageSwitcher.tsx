import { For } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { isLocale, localeNames, locales } from "../i18n/locales"

export const LanguageSwitcher = () => {
  const { t, locale, setLocale } = useI18n()
  return (
    <label class="language-switcher">
      <span class="visually-hidden">{t("header.language")}</span>
      <select
        data-testid="language-switcher"
        value={locale()}
        title={t("header.language")}
        onChange={(event) => {
          const next = event.currentTarget.value
          if (isLocale(next)) setLocale(next)
        }}
      >
        <For each={locales}>
          {(code) => (
            <option value={code} lang={code}>
              {localeNames[code]}
            </option>
          )}
        </For>
      </select>
    </label>
  )
}
