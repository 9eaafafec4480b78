import { DropdownMenu } from "@kobalte/core/dropdown-menu"
import { Monitor, Moon, Sun } from "lucide-solid"
import { For } from "solid-js"
import { Dynamic } from "solid-js/web"
import { useI18n } from "../i18n/I18nContext"
import { isThemePreference, THEME_PREFERENCES } from "../theme/createTheme"
import { useTheme } from "../theme/ThemeContext"
import { MenuRadioItem } from "./MenuRadioItem"
import { usePreferences } from "./usePreferences"

const ICONS = { light: Sun, dark: Moon, system: Monitor } as const

export const ThemeMenu = () => {
  const { t } = useI18n()
  const theme = useTheme()
  const preferences = usePreferences()
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger
        class="button button--ghost button--icon"
        data-testid="theme-menu"
        data-theme-preference={theme.preference()}
        aria-label={t("theme.label")}
      >
        <Dynamic component={ICONS[theme.resolved()]} size={18} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <DropdownMenu.RadioGroup
            value={theme.preference()}
            onChange={(next) => {
              if (isThemePreference(next)) void preferences.setTheme(next)
            }}
          >
            <For each={THEME_PREFERENCES}>
              {(preference) => (
                <MenuRadioItem value={preference} testId={`theme-${preference}`}>
                  <Dynamic component={ICONS[preference]} size={16} />
                  <span>{t(`theme.${preference}`)}</span>
                </MenuRadioItem>
              )}
            </For>
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
