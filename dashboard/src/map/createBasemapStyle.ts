import { createMemo, createResource } from "solid-js"
import { createConfigQuery } from "../api/queries"
import { useTheme } from "../theme/ThemeContext"
import { chooseMapStyle } from "./chooseMapStyle"

type StyleKey = { readonly url: string | null; readonly theme: "light" | "dark" } | false

/**
 * The basemap every map of the dashboard draws (live, trips, replay, geofences): the configured
 * style (FLEET_MAP_STYLE_URL) when it answers, else the bundled offline one in the dashboard's
 * theme, following it. Only a different URL or (for the offline map) theme loads a new style, not a
 * refetched config; read `.latest`, so that a map stays up while the next style loads and
 * `createFlatMap` swaps it in place.
 */
export const createBasemapStyle = () => {
  const config = createConfigQuery()
  const theme = useTheme()
  const key = createMemo<StyleKey>(
    () => {
      if (!config.isSuccess && !config.isError) return false
      const url = config.data?.mapStyleUrl ?? null
      return { url, theme: url === null ? theme.resolved() : "light" }
    },
    false,
    { equals: (a, b) => (a === false || b === false ? a === b : a.url === b.url && a.theme === b.theme) },
  )
  const [choice] = createResource(key, ({ url, theme: basemapTheme }) => chooseMapStyle(url, basemapTheme))
  return choice
}
