import type { ScheduleFilters } from "@fleetcore/contract"
import { useI18n } from "../../../i18n/I18nContext"

const LABELS = {
  vehicleId: "reports.vehicle",
  vehicleTypeId: "reports.vehicleType",
  teamId: "reports.team",
  department: "reports.department",
  driverId: "reports.driver",
  templateId: "reports.template",
  assigneeUserId: "reports.assignee",
} as const

/** Which report filters a schedule keeps (a department by its name). */
export const FiltersNote = (props: { readonly filters: (typeof ScheduleFilters)["Type"] }) => {
  const { t } = useI18n()
  const chosen = () =>
    (Object.keys(LABELS) as Array<keyof typeof LABELS>)
      .filter((k) => props.filters[k] !== undefined)
      .map((k) => (k === "department" ? `${t(LABELS[k])}: ${props.filters.department}` : t(LABELS[k])))
  return (
    <p class="muted" data-testid="schedule-filters">
      {t("reportSchedules.filters")}:{" "}
      {chosen().length === 0 ? t("reportSchedules.filtersNone") : chosen().join(" · ")}
    </p>
  )
}
