import { HttpError, type Log, type MetricsShape, route } from "@fleetcore/platform"
import type { RejectReason } from "@fleetcore/proto"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { DeviceAuthenticator, DeviceIngress } from "./DeviceIngress.js"
import { makeIngestRefusals } from "./IngestRefusals.js"

const ACCEPTED_TYPES = [
  "application/json",
  "application/x-protobuf",
  "application/protobuf",
  "application/octet-stream",
]
const BODY_LIMIT = 1024 * 1024

/** Final refusals: the same payload will be refused again. 422 for everything else. */
const REFUSAL_STATUS: Partial<Record<RejectReason, number>> = {
  FLEET_INGEST_DEVICE_UNASSIGNED: 409,
  FLEET_INGEST_PAYLOAD_TOO_LARGE: 413,
}

const unavailable = () =>
  new HttpError(503, "FLEET_INGEST_UNAVAILABLE", "ingest is unavailable; resend later", null, {
    "retry-after": "5",
  })

const unauthorized = (message: string) =>
  new HttpError(401, "FLEET_INGEST_DEVICE_UNAUTHORIZED", message, null, {
    "www-authenticate": 'Basic realm="fleetcore-devices", charset="UTF-8"',
  })

/** Device id and secret from `Authorization: Basic base64(deviceId:secret)`. */
const credentials = (header: string | undefined): { id: string; secret: string } => {
  if (header === undefined || !header.toLowerCase().startsWith("basic ")) {
    throw unauthorized("send the device id and secret as HTTP Basic credentials")
  }
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  if (colon <= 0) throw unauthorized("malformed Basic credentials")
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

/**
 * `POST /ingest/v1/telemetry`: one point or a batch, JSON or protobuf, from an authenticated
 * device. 200 when at least one point was stored (rejections listed), 422 when none was, naming
 * the field at fault.
 */
export const registerHttpIngest = (
  app: TemplatedApp,
  deps: {
    readonly auth: DeviceAuthenticator
    readonly ingress: DeviceIngress
    readonly log: Log
    readonly metrics: MetricsShape
  },
): void => {
  const refusals = makeIngestRefusals({ metrics: deps.metrics, log: deps.log })
  route(
    app,
    "post",
    "/ingest/v1/telemetry",
    async (request) => {
      const { id, secret } = credentials(request.headers.get("authorization"))
      const answer = await deps.auth
        .authenticate(id, secret, request.remoteAddress)
        .catch((error: unknown) => {
          deps.log.error({ err: error, deviceId: id }, "device authentication failed")
          throw unavailable()
        })
      if (!answer.ok) {
        refusals.refuse(
          "http",
          answer.reason === "invalid"
            ? "FLEET_INGEST_DEVICE_UNAUTHORIZED"
            : answer.reason === "suspended"
              ? "FLEET_INGEST_ORGANISATION_SUSPENDED"
              : "FLEET_INGEST_AUTH_THROTTLED",
          { deviceId: id, address: request.remoteAddress },
        )
        if (answer.reason === "invalid") throw unauthorized("bad device id or secret")
        if (answer.reason === "suspended")
          throw new HttpError(
            403,
            "FLEET_INGEST_ORGANISATION_SUSPENDED",
            "the device's organisation is suspended; its data is not accepted",
          )
        const seconds = Math.ceil(answer.retryAfterMs / 1000)
        throw new HttpError(
          429,
          "FLEET_INGEST_AUTH_THROTTLED",
          `too many failed authentications for this device from this address; retry in ${seconds} s`,
          "authorization",
          { "retry-after": String(seconds) },
        )
      }
      const device = answer.device
      const contentType =
        (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? ""
      if (!ACCEPTED_TYPES.includes(contentType)) {
        throw new HttpError(
          415,
          "FLEET_INGEST_CONTENT_TYPE",
          `content-type must be one of ${ACCEPTED_TYPES.join(", ")}`,
          "content-type",
        )
      }
      // Only the bus can fail here (no input makes ingress throw): the one answer that says "resend".
      const outcome = await deps.ingress
        .accept(device, request.body, "http", contentType)
        .catch((error: unknown) => {
          deps.log.error({ err: error, deviceId: id }, "ingest failed; the device should resend")
          throw unavailable()
        })
      if (outcome.accepted === 0 && outcome.firstRejection !== null) {
        const r = outcome.firstRejection
        throw new HttpError(REFUSAL_STATUS[r.code] ?? 422, r.code, r.message, r.field)
      }
      return {
        status: 200,
        body: {
          accepted: outcome.accepted,
          rejected: outcome.rejected,
          ...(outcome.firstRejection === null ? {} : { firstRejection: outcome.firstRejection }),
        },
      }
    },
    { log: deps.log, bodyLimit: BODY_LIMIT },
  )
}
