import { endpoints } from "@fleetcore/contract"
import { type QueryClient, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

/** One expense of the caller's organisation. */
export const createExpenseQuery = (id: () => string) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.expenses.get.id, id()] as const,
    queryFn: ({ signal }) => api.call(endpoints.expenses.get, { params: { id: id() } }, signal),
  }))
}

/** After a change: expenses, refuels, budgets vs actual reload. */
export const invalidateExpenses = (queryClient: QueryClient): Promise<unknown> =>
  Promise.all(
    [
      endpoints.expenses.list.id,
      endpoints.expenses.get.id,
      endpoints.fuel.listEntries.id,
      endpoints.budgets.vsActual.id,
    ].map((id) => queryClient.invalidateQueries({ queryKey: [id] })),
  )

/** The caller's organisation: its currency is the default of a new expense and of every total. */
export const createOrgCurrencyQuery = () => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.organisations.current.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.organisations.current, {}, signal),
    select: (org: { readonly settings: { readonly currency: string } }) => org.settings.currency,
  }))
}
