import { endpoints, type Trip } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { useI18n } from "../../../i18n/I18nContext"
import type { ListResult } from "../../../ui/table/DataTable"
import type { VehicleTabProps } from "../vehicleTabs"
import { TabTable } from "./TabTable"

type Row = (typeof Trip)["Encoded"]

/** The vehicle's trips of the last 7 days, newest first (derived by the engine from its points). */
export const VehicleTripsTab = (props: VehicleTabProps) => {
  const { t, format } = useI18n()
  const api = useApi()
  const to = Date.now()
  const query = useQuery(() => ({
    queryKey: [endpoints.history.trips.id, props.vehicle.id, "7d"] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.history.trips,
        {
          params: { id: props.vehicle.id },
          query: {
            from: new Date(to - 7 * 86_400_000).toISOString(),
            to: new Date(to + 60_000).toISOString(),
          },
        },
        signal,
      ),
  }))
  const result: ListResult<Row> = {
    get data() {
      const items = query.data?.items
      return items === undefined ? undefined : { items: [...items].reverse(), total: items.length }
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
    (): ReadonlyArray<ColumnDef<Row, unknown>> => [
      { id: "start", header: t("fleet.tripStart"), cell: (c) => format().dateTime(c.row.original.startMs) },
      { id: "end", header: t("fleet.tripEnd"), cell: (c) => format().dateTime(c.row.original.endMs) },
      {
        id: "distance",
        header: t("fleet.distance"),
        cell: (c) => format().distanceKm(c.row.original.distanceM),
        meta: { align: "end" },
      },
      {
        id: "duration",
        header: t("fleet.duration"),
        cell: (c) =>
          t("fleet.durationMin", { value: format().integer(Math.round(c.row.original.durationS / 60)) }),
        meta: { align: "end" },
      },
      {
        id: "maxSpeed",
        header: t("fleet.maxSpeed"),
        cell: (c) => format().speed(c.row.original.maxSpeedMps),
        meta: { align: "end" },
      },
    ],
  )
  return (
    <section class="panel">
      <TabTable
        id="vehicle-trips"
        label={t("fleet.tabTrips")}
        columns={columns()}
        result={result}
        rowId={(r) => String(r.startMs)}
        empty={t("fleet.tripsEmpty")}
      />
    </section>
  )
}
