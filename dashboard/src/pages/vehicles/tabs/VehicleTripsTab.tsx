import { TripsAndStops } from "../../../replay/TripsAndStops"
import type { VehicleTabProps } from "../vehicleTabs"

/** The vehicle's trips and stops (derived by the engine from its points) with a map of the selected one. */
export const VehicleTripsTab = (props: VehicleTabProps) => <TripsAndStops vehicleId={props.vehicle.id} />
