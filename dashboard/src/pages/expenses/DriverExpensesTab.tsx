import { ExpensesTab } from "./ExpensesTab"

/** The expenses tab of a driver's page. */
export const DriverExpensesTab = (props: { readonly driverId: string }) => (
  <ExpensesTab filter={{ driverId: props.driverId }} testId="driver-expenses" />
)
