import { ExpensesTab } from "./ExpensesTab"

/** The expenses tab of a vehicle's page (refuels included: a refuel is a fuel expense). */
export const VehicleExpensesTab = (props: { readonly vehicleId: string }) => (
  <ExpensesTab filter={{ vehicleId: props.vehicleId }} testId="vehicle-expenses" />
)
