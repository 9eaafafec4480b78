import { type CallOutput, endpoints } from "@fleetcore/contract"
import type { QueryClient } from "@tanstack/solid-query"
import { createAllPagesQuery } from "../../api/createAllPagesQuery"

/** A geofence as the API returns it. */
export type Fence = CallOutput<typeof endpoints.geofences.list>["items"][number]

/** Every fence of the organisation (a page of 200: the map draws them all, the side list filters). */
export const createGeofencesQuery = () => createAllPagesQuery(endpoints.geofences.list, () => ({ query: {} }))

export const invalidateGeofences = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: [endpoints.geofences.list.id] })
