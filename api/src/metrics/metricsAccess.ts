import { createHash, timingSafeEqual } from "node:crypto"
import { HttpError, type Request } from "@fleetcore/platform"

/** 127.0.0.0/8 and ::1, in the forms uWS reports them (IPv4, IPv4-mapped IPv6, full IPv6). */
export const isLoopback = (address: string): boolean => {
  const a = address.toLowerCase()
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a) || a === "::1") return true
  if (/^(::ffff:|(0{1,4}:){5}ffff:)127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a)) return true
  if (/^(0{1,4}:){5}ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(a)) return true
  return /^(0{1,4}:){7}0{0,3}1$/.test(a)
}

const digest = (text: string) => createHash("sha256").update(text).digest()

/**
 * Who may read `/metrics`: with a token configured (FLEET_METRICS_TOKEN), a caller presenting it
 * as `Authorization: Bearer <token>`; without one, only connections from loopback.
 */
export const makeMetricsAccess = (token: string | null): ((request: Request) => void) => {
  const expected = token === null ? null : digest(token)
  return (request) => {
    if (expected === null) {
      if (isLoopback(request.remoteAddress)) return
      throw new HttpError(
        403,
        "FLEET_METRICS_FORBIDDEN",
        "metrics are served on loopback only unless FLEET_METRICS_TOKEN is set",
      )
    }
    const header = request.headers.get("authorization") ?? ""
    const presented = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : ""
    // Compared as digests: equal length, constant time, whatever the caller sent.
    if (presented === "" || !timingSafeEqual(digest(presented), expected)) {
      throw new HttpError(
        401,
        "FLEET_METRICS_UNAUTHORIZED",
        "metrics need Authorization: Bearer <FLEET_METRICS_TOKEN>",
        null,
        {
          "www-authenticate": 'Bearer realm="fleetcore-metrics"',
        },
      )
    }
  }
}
