import { type Accessor, createEffect, createSignal, onCleanup } from "solid-js"

export const THEME_PREFERENCES = ["light", "dark", "system"] as const
export type ThemePreference = (typeof THEME_PREFERENCES)[number]
export type ResolvedTheme = "light" | "dark"

/** Also read by the inline script in index.html, which sets the theme before the first paint. */
export const THEME_STORAGE_KEY = "fleetcore.theme"

export const isThemePreference = (u: unknown): u is ThemePreference =>
  typeof u === "string" && (THEME_PREFERENCES as ReadonlyArray<string>).includes(u)

export const resolveTheme = (preference: ThemePreference, systemDark: boolean): ResolvedTheme =>
  preference === "system" ? (systemDark ? "dark" : "light") : preference

export interface Theme {
  readonly preference: Accessor<ThemePreference>
  readonly resolved: Accessor<ResolvedTheme>
  /** Applies and remembers a preference in this browser (the profile keeps it across browsers). */
  readonly setPreference: (preference: ThemePreference) => void
}

const readStored = (): ThemePreference => {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY)
    return isThemePreference(stored) ? stored : "system"
  } catch {
    return "system"
  }
}

/** Light, dark or the system's choice, applied as `<html data-theme>` (the CSS variables follow). */
export const createTheme = (): Theme => {
  const [preference, setPreferenceSignal] = createSignal<ThemePreference>(readStored())
  const media = window.matchMedia("(prefers-color-scheme: dark)")
  const [systemDark, setSystemDark] = createSignal(media.matches)
  const onChange = (event: MediaQueryListEvent) => setSystemDark(event.matches)
  media.addEventListener("change", onChange)
  onCleanup(() => media.removeEventListener("change", onChange))

  const resolved = () => resolveTheme(preference(), systemDark())
  createEffect(() => {
    const theme = resolved()
    document.documentElement.dataset.theme = theme
    document.documentElement.style.colorScheme = theme
  })

  return {
    preference,
    resolved,
    setPreference: (next) => {
      setPreferenceSignal(next)
      try {
        localStorage.setItem(THEME_STORAGE_KEY, next)
      } catch {
        // Storage disabled: the choice holds for this page.
      }
    },
  }
}
