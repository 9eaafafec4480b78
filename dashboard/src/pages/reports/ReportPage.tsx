import "./reports.css"
import { Navigate, useParams } from "@solidjs/router"
import { createMemo, For, Show } from "solid-js"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ErrorState } from "../../ui/ErrorState"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { ExportButtons } from "./ExportButtons"
import { ReportChart } from "./ReportChart"
import { ReportFilters } from "./ReportFilters"
import { ReportSummary } from "./ReportSummary"
import { type ReportRowView, reportColumns } from "./reportColumns"
import {
  createReportQuery,
  isReportName,
  REPORT_FILTERS,
  type ReportName,
  reportQueryOf,
} from "./reportQuery"
import { ScheduleThisReport } from "./schedules/ScheduleThisReport"

/** The note under each report's table: how its figures are counted. */
/** A report: period and filters, headline figures, charts, the table with totals, and exports. */
export const ReportPage = () => {
  const params = useParams<{ report: string }>()
  return (
    <Show
      when={isReportName(params.report) ? (params.report as ReportName) : undefined}
      fallback={<Navigate href="/reports" />}
    >
      {(name) => <ReportView name={name()} />}
    </Show>
  )
}

const ReportView = (props: { readonly name: ReportName }) => {
  const { t, format } = useI18n()
  const session = useSession()
  const url = createTableUrlState({ filters: REPORT_FILTERS, sorts: [] })
  const filters = () => url.state().filters
  const result = createReportQuery(() => props.name, filters)
  const report = () => result.data
  const columns = createMemo(() => {
    const r = report()
    return r === undefined ? [] : reportColumns(t, format(), r)
  })
  // A report answers all its rows (up to the cap) at once; the table shows them a page at a time,
  // the totals row under every page.
  const rows = (): Array<ReportRowView> => {
    const all = report()?.rows ?? []
    const { page, pageSize } = url.state()
    const first = (page - 1) * pageSize
    return [
      // A trip's or a day's rows repeat a vehicle: rows are told apart by their place.
      ...all.slice(first, first + pageSize).map((row, i) => ({ ...row, __row: String(first + i) })),
      ...(report() === undefined ? [] : [totalsRow()]),
    ]
  }
  const totalsRow = (): ReportRowView => {
    const r = report()
    if (r === undefined) return {}
    const first = r.columns.find((c) => c.kind === "text" || c.kind === "date")?.key
    return { ...r.totals, ...(first === undefined ? {} : { [first]: t("reports.col_total") }), __totals: "1" }
  }
  return (
    <div class="page report-page" data-testid={`report-${props.name}`}>
      <PageHeader
        title={t(`reports.${props.name}`)}
        description={
          report() === undefined
            ? undefined
            : t("reports.periodShown", {
                from: format().day(report()?.period.from ?? ""),
                to: format().day(report()?.period.to ?? ""),
              })
        }
        actions={
          <>
            <Show when={session.can("reports.schedule")}>
              <ScheduleThisReport report={props.name} query={reportQueryOf(filters())} />
            </Show>
            <Show when={session.can("reports.export")}>
              <ExportButtons report={props.name} query={reportQueryOf(filters())} />
            </Show>
          </>
        }
      />
      <ReportFilters
        url={url}
        groupBy={props.name === "mileage"}
        geofence={props.name === "geofenceVisits"}
        tasks={props.name === "tasks"}
      />
      <Show
        when={!result.isError}
        fallback={<ErrorState error={result.error} retry={() => void result.refetch()} />}
      >
        <Show when={report()} fallback={<Spinner label={t("reports.title")} />}>
          {(r) => (
            <div class="report-body" data-testid="report-body" aria-busy={result.isFetching}>
              <ReportSummary report={r()} />
              <div class="report-charts">
                <For each={r().charts}>
                  {(chart) => (
                    <ReportChart
                      chart={chart}
                      currency={r().currency}
                      title={t(`reports.chart_${chart.key as "byCategory"}`)}
                      testId={`report-chart-${chart.key}`}
                    />
                  )}
                </For>
              </div>
              <DataTable
                id="report-table"
                label={t("reports.table")}
                columns={columns()}
                result={{
                  data: { items: rows(), total: r().rows.length },
                  isLoading: false,
                  isFetching: result.isFetching,
                  isError: false,
                  error: null,
                  refetch: () => void result.refetch(),
                }}
                url={url}
                searchable={false}
                rowId={(row) => String(row.__totals ?? row.__row ?? "")}
                empty={{ title: t("reports.empty") }}
              />
              <p class="muted report-note">{t(`reports.${props.name}Note`)}</p>
            </div>
          )}
        </Show>
      </Show>
    </div>
  )
}
