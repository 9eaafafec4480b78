import { endpoints, REPORT_IDS, type ReportId } from "@fleetcore/contract"
import { keepPreviousData, useQuery } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"

export type ReportName = typeof ReportId.Type

export const isReportName = (name: string | undefined): name is ReportName =>
  (REPORT_IDS as ReadonlyArray<string | undefined>).includes(name)

/** The period and filters of a report, as the URL keeps them (every endpoint takes the same). */
export const REPORT_FILTERS = [
  "period",
  "from",
  "to",
  "vehicleId",
  "vehicleTypeId",
  "teamId",
  "department",
  "driverId",
  "groupBy",
  "geofenceId",
  "templateId",
  "assigneeUserId",
] as const
export type ReportFilters = Partial<Record<(typeof REPORT_FILTERS)[number], string>>

/** The report's query: only the filters that are set (a custom period without both days waits). */
export const reportQueryOf = (filters: ReportFilters): Record<string, string> =>
  Object.fromEntries(
    Object.entries(filters).filter(
      ([k, v]) =>
        v !== undefined && v !== "" && (filters.period === "custom" || (k !== "from" && k !== "to")),
    ),
  ) as Record<string, string>

/** One report for the filters, kept while the next loads. */
export const createReportQuery = (name: () => ReportName, filters: () => ReportFilters) => {
  const api = useApi()
  return useQuery(() => {
    const query = reportQueryOf(filters())
    const ready = query.period !== "custom" || (query.from !== undefined && query.to !== undefined)
    return {
      queryKey: ["reports", name(), query] as const,
      queryFn: ({ signal }) => api.call(endpoints.reports[name()], { query }, signal),
      placeholderData: keepPreviousData,
      enabled: ready,
    }
  })
}
