import { ReplayView } from "../../../replay/ReplayView"
import type { VehicleTabProps } from "../vehicleTabs"

/** The vehicle's history replay: a period's track coloured by speed, stops, alerts and a timeline. */
export const VehicleTrackTab = (props: VehicleTabProps) => <ReplayView vehicleId={props.vehicle.id} />
