import { type CallInput, endpoints } from "@fleetcore/contract"
import { useInfiniteQuery } from "@tanstack/solid-query"
import { createMemo } from "solid-js"
import { useApi } from "../../api/ApiContext"
import type { TaskView } from "./dueState"

type TaskQuery = NonNullable<CallInput<typeof endpoints.maintenance.listTasks>["query"]>

/** Cards a column loads at a time; "show more" asks for the next page. */
export const BOARD_PAGE_SIZE = 50

/**
 * One board column's tasks, a page at a time, with the server's count of all of them (`total` of
 * the first page), so a fleet with thousands of open tasks shows the right number and can scroll
 * through them. Keyed under the list endpoint's id, so the task actions' invalidation refreshes it.
 */
export const createBoardColumnQuery = (
  options: () => { readonly query: TaskQuery; readonly enabled: boolean },
) => {
  const api = useApi()
  const query = useInfiniteQuery(() => {
    const { query: q, enabled } = options()
    return {
      queryKey: [endpoints.maintenance.listTasks.id, "board", q] as const,
      queryFn: ({ pageParam, signal }) =>
        api.call(
          endpoints.maintenance.listTasks,
          { query: { ...q, page: String(pageParam), pageSize: String(BOARD_PAGE_SIZE) } },
          signal,
        ),
      initialPageParam: 1,
      getNextPageParam: (last, pages) =>
        pages.reduce((n, p) => n + p.items.length, 0) < last.total ? pages.length + 1 : undefined,
      enabled,
    }
  })
  const tasks = createMemo<ReadonlyArray<TaskView>>(() => {
    if (!options().enabled) return []
    // A task that moved between two page loads can come twice; show it once.
    const seen = new Set<string>()
    const out: TaskView[] = []
    for (const page of query.data?.pages ?? [])
      for (const task of page.items)
        if (!seen.has(task.id)) {
          seen.add(task.id)
          out.push(task)
        }
    return out
  })
  const total = () => (options().enabled ? (query.data?.pages[0]?.total ?? 0) : 0)
  return {
    tasks,
    total,
    hasMore: () => options().enabled && query.hasNextPage,
    loadingMore: () => query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  }
}
