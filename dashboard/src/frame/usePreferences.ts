import { endpoints } from "@fleetcore/contract"
import { useApi } from "../api/ApiContext"
import { errorMessage } from "../api/errorMessage"
import { useSession } from "../auth/SessionContext"
import { useI18n } from "../i18n/I18nContext"
import type { Locale } from "../i18n/locales"
import type { ThemePreference } from "../theme/createTheme"
import { useTheme } from "../theme/ThemeContext"
import { showToast } from "../ui/toast"

/**
 * Language and theme: applied at once, remembered in this browser (for the login page), and
 * saved in the profile so every browser of the user follows: at once when signed in, else at the
 * sign-in that follows (where the choice wins over the profile's).
 */
export const usePreferences = () => {
  const api = useApi()
  const session = useSession()
  const i18n = useI18n()
  const theme = useTheme()
  const save = async (body: { locale?: Locale; theme?: ThemePreference }) => {
    if (session.status() !== "signedIn") {
      session.choosePreferences(body)
      return
    }
    try {
      session.setUser(await api.call(endpoints.me.update, { body }))
    } catch (error) {
      showToast("error", i18n.t("profile.saveFailed"), errorMessage(i18n.t, error))
    }
  }
  return {
    setLanguage: (locale: Locale) => {
      i18n.setLocale(locale)
      return save({ locale })
    },
    setTheme: (preference: ThemePreference) => {
      theme.setPreference(preference)
      return save({ theme: preference })
    },
  }
}
