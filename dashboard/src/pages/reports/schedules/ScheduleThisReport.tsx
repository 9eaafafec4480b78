import { A } from "@solidjs/router"
import { CalendarPlus } from "lucide-solid"
import { useI18n } from "../../../i18n/I18nContext"
import { FILTER_KEYS } from "./scheduleForm"

/** On a report page: opens the new-schedule form with this report and the page's filters. */
export const ScheduleThisReport = (props: {
  readonly report: string
  readonly query: Record<string, string>
}) => {
  const { t } = useI18n()
  const href = () => {
    const params = new URLSearchParams({ report: props.report })
    for (const key of FILTER_KEYS) {
      const value = props.query[key]
      if (value !== undefined && value !== "") params.set(key, value)
    }
    return `/reports/schedules/new?${params}`
  }
  return (
    <A href={href()} class="button" data-testid="report-schedule-this">
      <CalendarPlus size={16} aria-hidden="true" />
      <span>{t("reportSchedules.scheduleThis")}</span>
    </A>
  )
}
