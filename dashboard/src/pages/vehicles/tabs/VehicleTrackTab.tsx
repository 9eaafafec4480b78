import { endpoints, type TrackPoint } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { useI18n } from "../../../i18n/I18nContext"
import type { ListResult } from "../../../ui/table/DataTable"
import type { VehicleTabProps } from "../vehicleTabs"
import { TabTable } from "./TabTable"

type Point = (typeof TrackPoint)["Encoded"]

/** The most recent points listed (newest first); the live map draws the same track. */
const SHOWN = 200

/** The vehicle's stored positions of the last 24 hours, as a list (the live map shows them drawn). */
export const VehicleTrackTab = (props: VehicleTabProps) => {
  const { t, format } = useI18n()
  const api = useApi()
  const to = Date.now()
  const query = useQuery(() => ({
    queryKey: [endpoints.vehicles.track.id, props.vehicle.id, "24h"] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.vehicles.track,
        {
          params: { id: props.vehicle.id },
          query: {
            from: new Date(to - 24 * 3600_000).toISOString(),
            to: new Date(to + 60_000).toISOString(),
          },
        },
        signal,
      ),
  }))
  const result: ListResult<Point> = {
    get data() {
      const points = query.data?.points
      return points === undefined
        ? undefined
        : { items: points.slice(-SHOWN).reverse(), total: points.length }
    },
    get isLoading() {
      return query.isLoading
    },
    get isFetching() {
      return query.isFetching
    },
    get isError() {
      return query.isError
    },
    get error() {
      return query.error
    },
    refetch: () => void query.refetch(),
  }
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Point, unknown>> => [
      { id: "time", header: t("fleet.time"), cell: (c) => format().dateTime(c.row.original.timeMs) },
      {
        id: "position",
        header: t("fleet.position"),
        cell: (c) => `${format().coordinate(c.row.original.lat)}, ${format().coordinate(c.row.original.lon)}`,
      },
      {
        id: "speed",
        header: t("fleet.speed"),
        cell: (c) => (c.row.original.speedMps === null ? "" : format().speed(c.row.original.speedMps)),
        meta: { align: "end" },
      },
    ],
  )
  return (
    <section class="panel">
      <div class="panel__header">
        <h2>{t("fleet.trackRange")}</h2>
        <span class="muted">
          {t("fleet.trackPoints", { count: format().integer(query.data?.points.length ?? 0) })}
        </span>
      </div>
      <TabTable
        id="vehicle-track"
        label={t("fleet.tabTrack")}
        columns={columns()}
        result={result}
        rowId={(p) => String(p.timeMs)}
        empty={t("fleet.trackEmpty")}
      />
    </section>
  )
}
