import type { QueryClient } from "@tanstack/solid-query"

/**
 * After deleting a record, before invalidating anything: every cached query keyed by the record's
 * id (its page `[get.id, id]`, the lists nested under it `[list.id, id, query]`) is cancelled and
 * dropped, so the page still on screen fetches nothing of the deleted record (that would be a 404).
 * Lists that merely filter by it keep their keys and reload with the invalidation.
 */
export const forgetRecord = async (queryClient: QueryClient, id: string): Promise<void> => {
  const filters = {
    predicate: (query: { readonly queryKey: ReadonlyArray<unknown> }) => query.queryKey.includes(id),
  }
  await queryClient.cancelQueries(filters)
  queryClient.removeQueries(filters)
}
