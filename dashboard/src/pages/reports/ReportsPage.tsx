import "./reports.css"
import { REPORT_IDS } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import {
  CalendarDays,
  CarFront,
  ChartColumn,
  ChartPie,
  Fuel,
  Gauge,
  IdCard,
  ListChecks,
  MapPinned,
  Route,
  ShieldCheck,
  Wrench,
} from "lucide-solid"
import { For } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"

const ICONS = {
  tco: ChartColumn,
  expenses: ChartPie,
  fuel: Fuel,
  maintenance: Wrench,
  drivers: IdCard,
  coverage: ShieldCheck,
  rental: CarFront,
  utilisation: Gauge,
  mileage: CalendarDays,
  trips: Route,
  geofenceVisits: MapPinned,
  tasks: ListChecks,
} as const

/** The reports there are, as cards: each opens its page. */
export const ReportsPage = () => {
  const { t } = useI18n()
  return (
    <div class="page" data-testid="reports-page">
      <PageHeader title={t("reports.title")} description={t("reports.description")} />
      <div class="report-cards">
        <For each={REPORT_IDS}>
          {(id) => {
            const Icon = ICONS[id]
            return (
              <A href={`/reports/${id}`} class="report-card" data-testid={`report-card-${id}`}>
                <Icon size={28} aria-hidden="true" />
                <h2>{t(`reports.${id}`)}</h2>
                <p class="muted">{t(`reports.${id}Description`)}</p>
                <span class="report-card__open">{t("reports.open")}</span>
              </A>
            )
          }}
        </For>
      </div>
    </div>
  )
}
