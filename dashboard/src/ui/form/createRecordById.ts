import type { AnyEndpoint, CallInput, CallOutput } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"
import type { RecordChoice, RecordSource } from "./recordSource"

/**
 * One record of a picker's source, by id, as its choice ("Name · plate"). Keyed like the record's
 * own page (`[get endpoint, id]`), so either fills the cache for the other. `undefined` for "" and
 * while it loads.
 */
export const createRecordById = <L extends AnyEndpoint, G extends AnyEndpoint>(
  source: RecordSource<L, G>,
  id: () => string,
) => {
  const api = useApi()
  const record = useQuery(() => ({
    queryKey: [source.get.id, id()] as const,
    queryFn: ({ signal }: { readonly signal: AbortSignal }): Promise<CallOutput<G>> =>
      api.call(source.get, { params: { id: id() } } as CallInput<G>, signal),
    enabled: id() !== "",
    staleTime: 60_000,
  }))
  return (): RecordChoice | undefined =>
    id() === "" || record.data === undefined ? undefined : source.choiceOfRecord(record.data)
}
