import { type CallOutput, endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

export type TicketView = CallOutput<typeof endpoints.tickets.get>
export type TicketItem = CallOutput<typeof endpoints.tickets.list>["items"][number]
export type TicketEventView = TicketView["events"][number]

/** One ticket with its history and photos (another driver's or organisation's id is a 404). */
export const createTicketQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.tickets.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.tickets.get, { params: { id: id() } }, signal),
  }))
}

/** After a change: the ticket's answer replaces the cached one, lists and the home summary refetch. */
export const ticketChanged = async (queryClient: QueryClient, ticket: TicketView): Promise<void> => {
  queryClient.setQueryData([endpoints.tickets.get.id, ticket.id], ticket)
  await queryClient.invalidateQueries({ queryKey: [endpoints.tickets.list.id] })
}
