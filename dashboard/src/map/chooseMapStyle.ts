import type { StyleSpecification } from "maplibre-gl"
import type { BasemapTheme } from "./basemapPalette"
import { loadOfflineStyle } from "./offlineStyle"

export interface MapStyleChoice {
  readonly style: string | StyleSpecification
  /** The configured style URL could not be used: why, for the notice over the map. */
  readonly failure: string | null
}

const isStyleJson = (u: unknown): boolean =>
  typeof u === "object" && u !== null && "version" in u && u.version === 8 && "layers" in u

/**
 * The organisation's configured style (FLEET_MAP_STYLE_URL) when it answers with a MapLibre style,
 * else the bundled offline basemap in the dashboard's theme. The URL is tried here, before the map
 * is made, so an unreachable or malformed style falls back to a working map instead of a blank one;
 * MapLibre is then handed the URL itself, so the style's relative sprite, glyph and tile URLs
 * resolve against it.
 */
export const chooseMapStyle = async (url: string | null, theme: BasemapTheme): Promise<MapStyleChoice> => {
  if (url === null) return { style: await loadOfflineStyle(theme), failure: null }
  let failure: string
  try {
    const response = await fetch(url)
    if (!response.ok) failure = `HTTP ${response.status}`
    else if (isStyleJson(await response.json())) return { style: url, failure: null }
    else failure = "not a MapLibre style"
  } catch (cause) {
    failure = cause instanceof Error ? cause.message : String(cause)
  }
  return { style: await loadOfflineStyle(theme), failure }
}
