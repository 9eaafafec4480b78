import "../drivers/drivers.css"
import "../expenses/expenses.css"
import "./fuel.css"
import { Tabs } from "@kobalte/core/tabs"
import { useNavigate, useSearchParams } from "@solidjs/router"
import { TriangleAlert } from "lucide-solid"
import { type Component, For, Show } from "solid-js"
import { Dynamic } from "solid-js/web"
import type { I18n } from "../../i18n/createI18n"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { CardsTab } from "./CardsTab"
import { createUncheckedCountQuery } from "./fuelQueries"
import { ReconciliationTab } from "./ReconciliationTab"
import { RefuelsTab } from "./RefuelsTab"
import { SensorEventsTab } from "./SensorEventsTab"

type TabId = "refuels" | "anomalies" | "sensor" | "reconciliation" | "cards"

const TABS: ReadonlyArray<{
  readonly id: TabId
  readonly label: (t: I18n["t"]) => string
  readonly component: Component
}> = [
  {
    id: "refuels",
    label: (t) => t("fuelPage.tabRefuels"),
    component: () => <RefuelsTab anomalies={false} />,
  },
  { id: "anomalies", label: (t) => t("fuelPage.tabAnomalies"), component: () => <RefuelsTab anomalies /> },
  { id: "sensor", label: (t) => t("fuelPage.tabSensor"), component: SensorEventsTab },
  { id: "reconciliation", label: (t) => t("fuelPage.tabReconciliation"), component: ReconciliationTab },
  { id: "cards", label: (t) => t("fuelPage.tabCards"), component: CardsTab },
]

/**
 * Fuel: refuels with the consumption check, anomalies to mark checked (with the banner count of
 * seed 003 "Fuel Anomaly Dashboard"), the level sensor's fills and thefts, their reconciliation with
 * the refuels, and fuel cards against their limits. The tab lives in the URL; switching tabs drops
 * the other tab's filters.
 */
export const FuelPage = () => {
  const { t, format } = useI18n()
  const [search] = useSearchParams<{ tab?: string }>()
  const navigate = useNavigate()
  const unchecked = createUncheckedCountQuery()
  const current = (): TabId => TABS.find((tab) => tab.id === search.tab)?.id ?? "refuels"
  const open = (tab: TabId) => navigate(tab === "refuels" ? "/fuel" : `/fuel?tab=${tab}`)

  return (
    <div class="page">
      <PageHeader title={t("fuelPage.title")} description={t("fuelPage.description")} />
      <Show when={(unchecked.data ?? 0) > 0}>
        <div class="fuel-banner" role="status" data-testid="fuel-anomaly-banner">
          <TriangleAlert size={18} aria-hidden="true" />
          <span data-testid="fuel-anomaly-count">
            {t("fuelPage.banner", { count: format().integer(unchecked.data ?? 0) })}
          </span>
          <Show when={current() !== "anomalies"}>
            <button
              type="button"
              class="button"
              data-testid="fuel-anomaly-review"
              onClick={() => open("anomalies")}
            >
              {t("fuelPage.bannerAction")}
            </button>
          </Show>
        </div>
      </Show>
      <Tabs value={current()} onChange={(tab) => open(tab as TabId)} class="tabs">
        <Tabs.List class="tabs__list" aria-label={t("fuelPage.tabs")}>
          <For each={TABS}>
            {(tab) => (
              <Tabs.Trigger class="tabs__trigger" value={tab.id} data-testid={`fuel-tab-${tab.id}`}>
                {tab.label(t)}
              </Tabs.Trigger>
            )}
          </For>
          <Tabs.Indicator class="tabs__indicator" />
        </Tabs.List>
        <For each={TABS}>
          {(tab) => (
            <Tabs.Content class="tabs__content" value={tab.id} data-testid={`fuel-panel-${tab.id}`}>
              <Dynamic component={tab.component} />
            </Tabs.Content>
          )}
        </For>
      </Tabs>
    </div>
  )
}
