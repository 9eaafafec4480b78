import "../../organisations/adminPages.css"
import "./schedules.css"
import { endpoints, REPORT_IDS } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { CalendarPlus } from "lucide-solid"
import { createMemo, For } from "solid-js"
import { createListQuery } from "../../../api/createListQuery"
import { useI18n } from "../../../i18n/I18nContext"
import { PageHeader } from "../../../ui/PageHeader"
import { createTableUrlState } from "../../../ui/table/createTableUrlState"
import { DataTable } from "../../../ui/table/DataTable"
import { FilterSelect } from "../../../ui/table/FilterSelect"
import { listResultOf } from "../../../ui/table/listResultOf"
import { listQueryOf } from "../../../ui/table/tableUrlState"
import { scheduleColumns } from "./scheduleColumns"

/** The organisation's report schedules: search, report filter, sort; a row opens the schedule. */
export const ReportSchedulesPage = () => {
  const { t, format, locale } = useI18n()
  const url = createTableUrlState({ filters: ["report"], sorts: ["name", "createdAt", "nextRunAt"] })
  const result = createListQuery(endpoints.reportSchedules.list, () => ({ query: listQueryOf(url.state()) }))
  const columns = createMemo(() => scheduleColumns(t, format(), locale()))
  const newButton = (testId: string) => (
    <A href="/reports/schedules/new" class="button button--primary" data-testid={testId}>
      <CalendarPlus size={16} aria-hidden="true" />
      <span>{t("reportSchedules.new")}</span>
    </A>
  )
  return (
    <div class="page" data-testid="report-schedules-page">
      <PageHeader
        title={t("reportSchedules.title")}
        description={t("reportSchedules.description")}
        actions={newButton("schedule-new")}
      />
      <DataTable
        id="report-schedules"
        label={t("reportSchedules.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        export={{ path: endpoints.listExports.reportSchedules.path, query: () => listQueryOf(url.state()) }}
        rowHref={(row) => `/reports/schedules/${row.id}`}
        searchPlaceholder={t("reportSchedules.search")}
        empty={{
          title: t("reportSchedules.empty"),
          description: t("reportSchedules.emptyText"),
          action: newButton("schedule-new-empty"),
        }}
        filters={
          <FilterSelect
            label={t("reportSchedules.report")}
            testId="schedules-filter-report"
            value={url.state().filters.report ?? ""}
            all={t("reportSchedules.allReports")}
            onChange={(value) => url.setFilter("report", value)}
          >
            <For each={REPORT_IDS}>{(id) => <option value={id}>{t(`reports.${id}`)}</option>}</For>
          </FilterSelect>
        }
      />
    </div>
  )
}
