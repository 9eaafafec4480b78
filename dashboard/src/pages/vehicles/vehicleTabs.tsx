import type { Permission } from "@fleetcore/contract"
import type { Component } from "solid-js"
import type { Dictionary } from "../../i18n/en"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { VehiclePhotoGallery } from "../../ui/documents/VehiclePhotoGallery"
import { VehicleAlertsTab } from "../alerts/VehicleAlertsTab"
import { VehicleCommandsTab } from "../commands/VehicleCommandsTab"
import { VehicleContractsTab } from "../contracts/VehicleContractsTab"
import { VehicleExpensesTab } from "../expenses/VehicleExpensesTab"
import { VehicleOnboardingTab } from "../onboarding/VehicleOnboardingTab"
import { VehiclePenaltiesTab } from "../penalties/PenaltyTabs"
import { VehicleAssignmentsTab } from "./tabs/VehicleAssignmentsTab"
import { VehicleAuditTab } from "./tabs/VehicleAuditTab"
import { VehicleDevicesTab } from "./tabs/VehicleDevicesTab"
import { VehicleFuelTab } from "./tabs/VehicleFuelTab"
import { VehicleInfoTab } from "./tabs/VehicleInfoTab"
import { VehicleMaintenanceTab } from "./tabs/VehicleMaintenanceTab"
import { VehicleMileageTab } from "./tabs/VehicleMileageTab"
import { VehicleOwnershipTab } from "./tabs/VehicleOwnershipTab"
import { VehicleTrackTab } from "./tabs/VehicleTrackTab"
import { VehicleTripsTab } from "./tabs/VehicleTripsTab"
import type { VehicleView } from "./vehicleQueries"

/** What a tab of the vehicle page gets: the vehicle as last loaded. */
export interface VehicleTabProps {
  readonly vehicle: VehicleView
}

export interface VehicleTab {
  /** In the URL: `/vehicles/:id?tab=<id>`. */
  readonly id: string
  /** A key of the dictionaries' `fleet` namespace (another area may use its own namespace's key). */
  readonly label: `${keyof Dictionary & string}.${string}`
  /** Shown only to callers whose role holds this permission. */
  readonly access: Permission
  readonly component: Component<VehicleTabProps>
}

/**
 * The tabs of the vehicle page, in order. Each area's tab is one entry here.
 */
export const VEHICLE_TABS: ReadonlyArray<VehicleTab> = [
  { id: "info", label: "fleet.tabInfo", access: "vehicles.read", component: VehicleInfoTab },
  { id: "track", label: "fleet.tabTrack", access: "telemetry.read", component: VehicleTrackTab },
  { id: "trips", label: "fleet.tabTrips", access: "telemetry.read", component: VehicleTripsTab },
  { id: "mileage", label: "fleet.tabMileage", access: "odometer.read", component: VehicleMileageTab },
  {
    id: "maintenance",
    label: "fleet.tabMaintenance",
    access: "maintenance.read",
    component: VehicleMaintenanceTab,
  },
  { id: "fuel", label: "fleet.tabFuel", access: "fuel.read", component: VehicleFuelTab },
  { id: "devices", label: "fleet.tabDevices", access: "devices.read", component: VehicleDevicesTab },
  { id: "commands", label: "commands.tab", access: "devices.read", component: VehicleCommandsTab },
  { id: "ownership", label: "fleet.tabOwnership", access: "vehicles.read", component: VehicleOwnershipTab },
  {
    id: "assignments",
    label: "fleet.tabAssignments",
    access: "assignments.read",
    component: VehicleAssignmentsTab,
  },
  {
    id: "expenses",
    label: "menu.expenses",
    access: "expenses.read",
    component: (props) => <VehicleExpensesTab vehicleId={props.vehicle.id} />,
  },
  {
    id: "contracts",
    label: "menu.contracts",
    access: "contracts.read",
    component: (props) => <VehicleContractsTab vehicleId={props.vehicle.id} />,
  },
  {
    id: "penalties",
    label: "menu.penalties",
    access: "penalties.read",
    component: (props) => <VehiclePenaltiesTab vehicleId={props.vehicle.id} />,
  },
  {
    id: "documents",
    label: "menu.documents",
    access: "documents.read",
    component: (props) => <DocumentsPanel entityType="vehicle" entityId={props.vehicle.id} />,
  },
  {
    id: "photos",
    label: "documents.photos",
    access: "documents.read",
    component: (props) => <VehiclePhotoGallery vehicleId={props.vehicle.id} />,
  },
  {
    id: "alerts",
    label: "menu.alerts",
    access: "alerts.read",
    component: (props) => <VehicleAlertsTab vehicleId={props.vehicle.id} />,
  },
  {
    id: "onboarding",
    label: "onboarding.tab",
    access: "vehicles.read",
    component: (props) => <VehicleOnboardingTab vehicleId={props.vehicle.id} />,
  },
  { id: "audit", label: "fleet.tabAudit", access: "audit.read", component: VehicleAuditTab },
]
