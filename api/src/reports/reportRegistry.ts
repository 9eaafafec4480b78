import type { ReportId, ReportTable } from "@fleetcore/contract"
import { coverageReport } from "./coverageReport.js"
import { driversReport } from "./driversReport.js"
import { expensesReport } from "./expensesReport.js"
import { fuelReport } from "./fuelReport.js"
import { geofenceVisitsReport } from "./geofenceVisitsReport.js"
import { maintenanceReport } from "./maintenanceReport.js"
import { mileageReport } from "./mileageReport.js"
import { rentalReport } from "./rentalReport.js"
import type { ReportContext } from "./reportContext.js"
import { tasksReport } from "./tasksReport.js"
import { tcoReport } from "./tcoReport.js"
import { tripsReport } from "./tripsReport.js"
import { utilisationReport } from "./utilisationReport.js"

/** Every report by id: the one place a new report is added (its endpoint and export follow). */
export const REPORTS: Readonly<
  Record<typeof ReportId.Type, (ctx: ReportContext) => Promise<typeof ReportTable.Type>>
> = {
  tco: tcoReport,
  expenses: expensesReport,
  fuel: fuelReport,
  maintenance: maintenanceReport,
  drivers: driversReport,
  coverage: coverageReport,
  rental: rentalReport,
  utilisation: utilisationReport,
  mileage: mileageReport,
  trips: tripsReport,
  geofenceVisits: geofenceVisitsReport,
  tasks: tasksReport,
}
