import { DropdownMenu } from "@kobalte/core/dropdown-menu"
import { Languages } from "lucide-solid"
import { For } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { isLocale, localeNames, locales } from "../i18n/locales"
import { MenuRadioItem } from "./MenuRadioItem"
import { usePreferences } from "./usePreferences"

export const LanguageMenu = () => {
  const { t, locale } = useI18n()
  const preferences = usePreferences()
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger class="button button--ghost" data-testid="language-menu">
        <Languages size={18} aria-hidden="true" />
        {/* Named by what it shows ("EN"), so that whoever says what they see reaches it. */}
        <span class="visually-hidden">{t("header.language")}: </span>
        <span class="topbar__label" data-testid="language-current">
          {locale().toUpperCase()}
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <DropdownMenu.RadioGroup
            value={locale()}
            onChange={(next) => {
              if (isLocale(next)) void preferences.setLanguage(next)
            }}
          >
            <For each={locales}>
              {(code) => (
                <MenuRadioItem value={code} testId={`language-${code}`}>
                  <span lang={code}>{localeNames[code]}</span>
                </MenuRadioItem>
              )}
            </For>
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
