import { endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { staticList } from "../../ui/table/staticList"

type Row = Awaited<ReturnType<typeof fetchSearches>>[number]
const fetchSearches = (api: ReturnType<typeof useApi>, signal: AbortSignal) =>
  api.call(endpoints.moderation.searches, { query: {} }, signal)

/** The last day's centre users whose plate or VIN searches look like fishing, most suspicious first. */
export const SuspiciousSearches = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const searches = useQuery(() => ({
    queryKey: [endpoints.moderation.searches.id] as const,
    queryFn: ({ signal }) => fetchSearches(api, signal),
  }))
  const n = (count: number) => format().integer(count)
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Row, unknown>> => [
      {
        id: "centre",
        header: t("moderation.name"),
        cell: (c) => <strong>{c.row.original.centreName}</strong>,
      },
      { id: "user", header: t("moderation.user"), cell: (c) => c.row.original.userName ?? "—" },
      {
        id: "searches",
        header: t("moderation.searchCount"),
        cell: (c) => n(c.row.original.searches),
        meta: { align: "end" },
      },
      {
        id: "misses",
        header: t("moderation.misses"),
        cell: (c) => n(c.row.original.misses),
        meta: { align: "end" },
      },
      {
        id: "distinct",
        header: t("moderation.distinct"),
        cell: (c) => n(c.row.original.distinctQueries),
        meta: { align: "end" },
      },
      {
        id: "last",
        header: t("moderation.lastAt"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.lastAt)),
      },
    ],
  )
  return (
    <section class="panel" data-testid="moderation-searches">
      <h2 class="panel__title">{t("moderation.searches")}</h2>
      <DataTable
        id="moderation-searches"
        label={t("moderation.searches")}
        columns={columns()}
        result={staticList(() => searches.data, searches)}
        url={fixedTableState(200)}
        rowId={(row) => `${row.centreId}:${row.userId ?? ""}`}
        compact
        empty={{ title: t("moderation.searchesEmpty") }}
      />
    </section>
  )
}
