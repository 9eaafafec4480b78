import { type BulkReadingResult, endpoints, languageOf } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { contains } from "../db/contains.js"
import { listPage, sortOf } from "../db/listPage.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { inSavepoint } from "../imports/inSavepoint.js"
import { refusalOf } from "../imports/refusalOf.js"
import {
  type RecordedReading,
  raiseJumpAlerts,
  readings,
  readingView,
  recordReading,
} from "./recordReading.js"
import { visibleVehicle } from "./visibleVehicle.js"

const SORTS = { at: "at", valueKm: "value_km" } as const

/** Odometer readings entered by drivers (on their assigned vehicles) and managers. */
export const registerOdometerRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "ch" | "tokens" | "log">,
): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.odometer.create, async ({ principal: p, params, body, request }) => {
    const recorded = await db.withOrg(p.orgId, (c) => recordReading(c, ch, p, request, params.id, body))
    await raiseJumpAlerts(db.system, p.orgId, [recorded])
    return { body: { ...readingView(recorded.row), kmPerDay: recorded.kmPerDay } }
  })

  serve(app, deps, endpoints.odometer.bulk, async ({ principal: p, body, request }) => {
    const language = p.locale ?? languageOf(request.headers.get("accept-language"))
    const { results, recorded } = await db.withOrg(p.orgId, async (c) => {
      const results: Array<typeof BulkReadingResult.Encoded> = []
      const recorded: Array<RecordedReading> = []
      for (const [index, { vehicleId, ...reading }] of body.rows.entries()) {
        const outcome = await inSavepoint(c, () => recordReading(c, ch, p, request, vehicleId, reading))
        if (outcome.ok) {
          recorded.push(outcome.value)
          results.push({
            index,
            vehicleId,
            status: "accepted",
            reading: readingView(outcome.value.row),
            code: null,
            field: null,
            message: null,
          })
        } else {
          const refusal = refusalOf(outcome.error, language)
          results.push({ index, vehicleId, status: "refused", reading: null, ...refusal })
        }
      }
      return { results, recorded }
    })
    await raiseJumpAlerts(db.system, p.orgId, recorded)
    return { body: { accepted: recorded.length, refused: results.length - recorded.length, results } }
  })

  serve(app, deps, endpoints.odometer.list, async ({ principal: p, params, query: f }) => {
    await visibleVehicle(db, p, params.id)
    const sort = sortOf(f.sort, SORTS, { column: "at", direction: "desc" })
    let query = readings()
      .where("vehicle_id", "=", params.id)
      .orderBy(sort.column, sort.direction)
      .orderBy("id")
    if (f.flagged) query = query.where("flagged", "=", f.flagged === "true")
    if (f.q) query = query.where("note", "ilike", contains(f.q))
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return { body: { ...page, items: page.items.map(readingView) } }
  })
}
