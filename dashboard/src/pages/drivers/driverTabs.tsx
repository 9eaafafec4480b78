import type { Permission } from "@fleetcore/contract"
import type { Component } from "solid-js"
import type { I18n } from "../../i18n/createI18n"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { DriverExpensesTab } from "../expenses/DriverExpensesTab"
import { DriverOnboardingTab } from "../onboarding/DriverOnboardingTab"
import { DriverPenaltiesTab } from "../penalties/PenaltyTabs"
import { DriverFuelCardsTab } from "./DriverFuelCardsTab"
import { DriverInfoTab } from "./DriverInfoTab"
import { DriverVehiclesTab } from "./DriverVehiclesTab"
import type { DriverDetailView } from "./driverForm"

/** One tab of a driver's page: shown to callers whose role holds `access`. */
export interface DriverTab {
  /** In the URL (`/drivers/:id?tab=<id>`) and the test ids. */
  readonly id: string
  readonly label: (t: I18n["t"]) => string
  readonly access: Permission
  readonly component: Component<{ readonly driver: DriverDetailView }>
}

/**
 * The tabs of a driver's page, in order: each area's tab is one entry here.
 */
export const DRIVER_TABS: ReadonlyArray<DriverTab> = [
  { id: "info", label: (t) => t("drivers.tabInfo"), access: "drivers.read", component: DriverInfoTab },
  {
    id: "vehicles",
    label: (t) => t("drivers.tabVehicles"),
    access: "assignments.read",
    component: DriverVehiclesTab,
  },
  {
    id: "fuel-cards",
    label: (t) => t("drivers.tabFuelCards"),
    access: "fuel.read",
    component: DriverFuelCardsTab,
  },
  {
    id: "expenses",
    label: (t) => t("menu.expenses"),
    access: "expenses.read",
    component: (props) => <DriverExpensesTab driverId={props.driver.id} />,
  },
  {
    id: "penalties",
    label: (t) => t("menu.penalties"),
    access: "penalties.read",
    component: (props) => <DriverPenaltiesTab driverId={props.driver.id} />,
  },
  {
    id: "documents",
    label: (t) => t("menu.documents"),
    access: "documents.read",
    component: (props) => <DocumentsPanel entityType="driver" entityId={props.driver.id} />,
  },
  {
    id: "onboarding",
    label: (t) => t("onboarding.tab"),
    access: "drivers.read",
    component: (props) => <DriverOnboardingTab driverId={props.driver.id} />,
  },
]
