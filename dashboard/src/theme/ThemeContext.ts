import { createContext, useContext } from "solid-js"
import type { Theme } from "./createTheme"

export const ThemeContext = createContext<Theme>()

export const useTheme = (): Theme => {
  const theme = useContext(ThemeContext)
  if (!theme) throw new Error("useTheme must be used inside <ThemeContext.Provider>")
  return theme
}
