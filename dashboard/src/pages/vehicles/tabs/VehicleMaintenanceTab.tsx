import { ServiceBookTab } from "../../maintenance/ServiceBookTab"
import type { VehicleTabProps } from "../vehicleTabs"

/** The vehicle's service book (the maintenance area's view of one vehicle). */
export const VehicleMaintenanceTab = (props: VehicleTabProps) => (
  <ServiceBookTab vehicleId={props.vehicle.id} />
)
