import { endpoints, IMPORT_COLUMNS, IMPORT_SAMPLES, type ImportKind } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { type RecordedReading, raiseJumpAlerts } from "../vehicles/recordReading.js"
import { importDriverRow } from "./importDriverRow.js"
import { importReadingRow } from "./importReadingRow.js"
import { importVehicleRow } from "./importVehicleRow.js"
import { csvTemplate, csvText, readCsv } from "./readCsv.js"
import { runImport } from "./runImport.js"

/** The columns a file must name: what a row is matched or decoded by. */
const REQUIRED: Readonly<Record<ImportKind, ReadonlyArray<string>>> = {
  vehicles: [],
  drivers: [],
  "odometer-readings": ["plate", "valueKm"],
}

const templateAnswer = (kind: ImportKind) => ({
  headers: {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="fleetcore-${kind}.csv"`,
  },
  body: csvTemplate(IMPORT_COLUMNS[kind], IMPORT_SAMPLES[kind]),
})

/** CSV imports of vehicles, drivers and odometer readings, and their templates. */
export const registerImportRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps
  const rowsOf = (kind: ImportKind, request: Parameters<typeof csvText>[0]) =>
    readCsv(csvText(request), IMPORT_COLUMNS[kind], REQUIRED[kind])

  serve(app, deps, endpoints.imports.vehiclesTemplate, async () => templateAnswer("vehicles"))
  serve(app, deps, endpoints.imports.driversTemplate, async () => templateAnswer("drivers"))
  serve(app, deps, endpoints.imports.odometerReadingsTemplate, async () =>
    templateAnswer("odometer-readings"),
  )

  serve(app, deps, endpoints.imports.vehicles, async ({ principal: p, query, request }) => {
    const rows = rowsOf("vehicles", request)
    const report = await runImport(db, p, request, "vehicles", rows, query.dryRun === "true", (c, record) =>
      importVehicleRow(c, p, request, record),
    )
    return { body: report }
  })

  serve(app, deps, endpoints.imports.drivers, async ({ principal: p, query, request }) => {
    const rows = rowsOf("drivers", request)
    const report = await runImport(db, p, request, "drivers", rows, query.dryRun === "true", (c, record) =>
      importDriverRow(c, p, request, record),
    )
    return { body: report }
  })

  serve(app, deps, endpoints.imports.odometerReadings, async ({ principal: p, query, request }) => {
    const rows = rowsOf("odometer-readings", request)
    const dryRun = query.dryRun === "true"
    const recorded: Array<RecordedReading> = []
    const report = await runImport(db, p, request, "odometer-readings", rows, dryRun, (c, record) =>
      importReadingRow(c, deps.ch, p, request, record, recorded),
    )
    if (!dryRun) await raiseJumpAlerts(db.system, p.orgId, recorded)
    return { body: report }
  })
}
