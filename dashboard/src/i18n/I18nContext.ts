import { createContext, useContext } from "solid-js"
import type { I18n } from "./createI18n"

export const I18nContext = createContext<I18n>()

export const useI18n = (): I18n => {
  const i18n = useContext(I18nContext)
  if (!i18n) throw new Error("useI18n must be used inside <I18nContext.Provider>")
  return i18n
}
