import "./mileage.css"
import { endpoints, urlOf } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { useOrgTimeZone } from "../../i18n/useOrgTimeZone"
import { TabTable } from "../vehicles/tabs/TabTable"

const DAY_MS = 86_400_000
const DAYS = 14
/** The calendar day `days` before `day` ("YYYY-MM-DD"). */
const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(day) - days * DAY_MS).toISOString().slice(0, 10)

interface DayRow {
  readonly period: string
  readonly km: number
  readonly gpsFlaggedKm: number
}

/**
 * A vehicle's distance per day of the organisation over the last two weeks, latest first. Days on which the
 * odometer was flagged (frozen, tampered, rolled back, jumped) carry a badge with the kilometres
 * GPS counted in its stead, so a fleet manager sees which figures do not come from the odometer.
 */
export const DailyMileageTable = (props: { readonly vehicleId: string }) => {
  const { t, format } = useI18n()
  const api = useApi()
  // The engine counts distance on the organisation's days.
  const today = dayIn(Date.now(), useOrgTimeZone()())
  const from = daysBefore(today, DAYS - 1)
  const query = useQuery(() => ({
    queryKey: [endpoints.history.mileage.id, props.vehicleId, from, today] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.history.mileage,
        { params: { id: props.vehicleId }, query: { from, to: today, groupBy: "day" } },
        signal,
      ),
  }))
  const rows = (): ReadonlyArray<DayRow> => [...(query.data?.periods ?? [])].reverse()
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<DayRow, unknown>> => [
      { id: "day", header: t("mileage.day"), cell: (c) => format().day(c.row.original.period) },
      {
        id: "distance",
        header: t("mileage.distance"),
        cell: (c) => format().distanceKm(c.row.original.km * 1000),
        meta: { align: "end" },
      },
      {
        id: "flagged",
        header: t("mileage.flagged"),
        cell: (c) =>
          c.row.original.gpsFlaggedKm > 0 ? (
            <span
              class="badge badge--warning"
              title={t("mileage.flaggedHint")}
              data-testid="mileage-gps-flagged"
            >
              {t("mileage.flaggedBadge", { km: format().distanceKm(c.row.original.gpsFlaggedKm * 1000) })}
            </span>
          ) : (
            ""
          ),
      },
    ],
  )
  return (
    <section class="daily-mileage" data-testid="daily-mileage">
      <h3 class="daily-mileage__title">{t("mileage.dailyTitle")}</h3>
      <Show when={(query.data?.gpsFlaggedKm ?? 0) > 0}>
        <p class="daily-mileage__summary" data-testid="mileage-gps-flagged-summary">
          {t("mileage.flaggedSummary", { km: format().distanceKm((query.data?.gpsFlaggedKm ?? 0) * 1000) })}
        </p>
      </Show>
      <TabTable
        id="vehicle-daily-mileage"
        label={t("mileage.dailyTitle")}
        columns={columns()}
        result={{
          data: query.data === undefined ? undefined : { items: rows(), total: rows().length },
          isLoading: query.isLoading,
          isFetching: query.isFetching,
          isError: query.isError,
          error: query.error,
          refetch: () => void query.refetch(),
        }}
        rowId={(r) => r.period}
        // The same days as the mileage report of this vehicle, as a file.
        export={{
          path: urlOf(endpoints.reports.export, { params: { report: "mileage" } }),
          query: () => ({ period: "custom", from, to: today, vehicleId: props.vehicleId, groupBy: "day" }),
        }}
        empty={t("mileage.empty")}
      />
    </section>
  )
}
