import { HttpError, type Log, type MetricsShape, type Request, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { DeviceIdentifier, TrackerIngress } from "../DeviceIngress.js"
import { type IngestRefusals, makeIngestRefusals } from "../IngestRefusals.js"
import type { OsmAndRequest } from "./OsmAndRequest.js"
import { parseOsmAndJson } from "./osmAndJson.js"
import { parseOsmAndQuery } from "./osmAndQuery.js"

/** A JSON request of many buffered locations stays well under this. */
const BODY_LIMIT = 1024 * 1024

/** The request taken apart: JSON body, form body, or the query string. */
const parse = (request: Request, nowMs: number): OsmAndRequest => {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? ""
  if (type.includes("json") && request.body.byteLength > 0) {
    let body: unknown
    try {
      body = JSON.parse(request.body.toString("utf8"))
    } catch (error) {
      return { ok: false, field: "body", message: `the body is not valid JSON: ${(error as Error).message}` }
    }
    return parseOsmAndJson(body)
  }
  const query = new URLSearchParams(request.query)
  if (type === "application/x-www-form-urlencoded")
    for (const [k, v] of new URLSearchParams(request.body.toString("utf8"))) query.append(k, v)
  return parseOsmAndQuery(query, nowMs)
}

const handle = async (
  request: Request,
  deps: { readonly auth: DeviceIdentifier; readonly ingress: TrackerIngress; readonly log: Log },
  refusals: IngestRefusals,
) => {
  const parsed = parse(request, Date.now())
  if (!parsed.ok) throw new HttpError(400, "FLEET_INGEST_OSMAND_INVALID", parsed.message, parsed.field)
  const answer = await deps.auth
    .identify("osmand", parsed.id, request.remoteAddress)
    .catch((error: unknown) => {
      deps.log.error({ err: error, id: parsed.id }, "osmand identification failed")
      throw unavailable()
    })
  if (!answer.ok) {
    const suspended = answer.reason === "suspended"
    refusals.refuse(
      "osmand",
      suspended ? "FLEET_INGEST_ORGANISATION_SUSPENDED" : "FLEET_INGEST_DEVICE_UNAUTHORIZED",
      { id: parsed.id, address: request.remoteAddress },
    )
    if (suspended)
      throw new HttpError(
        403,
        "FLEET_INGEST_ORGANISATION_SUSPENDED",
        "the device's organisation is suspended; its data is not accepted",
      )
    throw new HttpError(
      404,
      "FLEET_INGEST_DEVICE_UNKNOWN",
      "no device has this id; an administrator can claim it from the unknown devices",
      "id",
    )
  }
  const outcome = await deps.ingress
    .acceptPoints(answer.device, parsed.points, "osmand")
    .catch((error: unknown) => {
      deps.log.error({ err: error, id: parsed.id }, "osmand points not accepted; the app should resend")
      throw unavailable()
    })
  if (outcome.accepted === 0 && outcome.firstRejection !== null) {
    const r = outcome.firstRejection
    throw new HttpError(r.code === "FLEET_INGEST_DEVICE_UNASSIGNED" ? 409 : 400, r.code, r.message, r.field)
  }
  return { status: 200, body: { accepted: outcome.accepted, rejected: outcome.rejected } }
}

const unavailable = () =>
  new HttpError(503, "FLEET_INGEST_UNAVAILABLE", "ingest is unavailable; resend later", null, {
    "retry-after": "5",
  })

/**
 * OsmAnd over HTTP on the main port: `GET|POST /osmand?id=…&lat=…` (the apps take the server URL
 * with its path: `http://host:8080/osmand`), query or form parameters, or the JSON body of
 * background-location apps. The root stays outside every API (404). The device is known by its id (provisioned with protocol `osmand`); 200 only once the bus
 * took the points, 404 for an unknown id (recorded among the unknown devices), 400 naming the field
 * at fault, 503 to resend later.
 */
export const registerOsmAnd = (
  app: TemplatedApp,
  deps: {
    readonly auth: DeviceIdentifier
    readonly ingress: TrackerIngress
    readonly log: Log
    readonly metrics: MetricsShape
  },
): void => {
  const refusals = makeIngestRefusals({ metrics: deps.metrics, log: deps.log })
  const handler = (request: Request) => handle(request, deps, refusals)
  const options = { log: deps.log, bodyLimit: BODY_LIMIT }
  route(app, "get", "/osmand", handler, options)
  route(app, "post", "/osmand", handler, options)
}
