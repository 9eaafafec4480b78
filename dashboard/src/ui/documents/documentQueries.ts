import { type DocumentEntityType, endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** A record's documents, newest first (at most 200: a record's attachments fit one page). */
export const createEntityDocumentsQuery = (
  entity: () => { readonly entityType: DocumentEntityType; readonly entityId: string },
  kind?: () => "photo" | undefined,
) => {
  const api = useApi()
  return useQuery(() => {
    const only = kind?.()
    const query = {
      entityType: entity().entityType,
      entityId: entity().entityId,
      pageSize: "200",
      ...(only === undefined ? {} : { kind: only }),
    }
    return {
      queryKey: [endpoints.documents.list.id, query] as const,
      queryFn: ({ signal }) => api.call(endpoints.documents.list, { query }, signal),
    }
  })
}

/**
 * After an upload, edit or delete: every document list, the covers, cached documents and the
 * vehicle and driver summaries (their counts of expiring documents) reload.
 */
export const invalidateDocuments = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [
      endpoints.documents.list.id,
      endpoints.documents.get.id,
      endpoints.documents.covers.id,
      endpoints.dashboards.vehicle.id,
      endpoints.dashboards.driver.id,
    ].map((id) => queryClient.invalidateQueries({ queryKey: [id] })),
  )

/** The cover thumbnail of every vehicle that has one, by vehicle id (for the vehicles' card view). */
export const createVehicleCoversQuery = () => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.documents.covers.id] as const,
    queryFn: async ({ signal }) => {
      const { items } = await api.call(endpoints.documents.covers, {}, signal)
      return new Map(items.map((c) => [c.vehicleId, c.thumbnailUrl]))
    },
  }))
}
