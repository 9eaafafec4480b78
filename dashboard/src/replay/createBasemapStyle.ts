import type { StyleSpecification } from "maplibre-gl"
import { createResource } from "solid-js"
import { createConfigQuery } from "../api/queries"
import { loadOfflineStyle } from "../map/offlineStyle"

/** The basemap, as the live map chooses it: the configured style URL, else the bundled offline one. */
export const createBasemapStyle = () => {
  const config = createConfigQuery()
  const [style] = createResource(
    () => (config.isSuccess || config.isError ? { url: config.data?.mapStyleUrl ?? null } : false),
    async ({ url }): Promise<string | StyleSpecification> => url ?? loadOfflineStyle(),
  )
  return style
}
