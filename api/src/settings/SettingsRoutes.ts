import { HttpError, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import type { RouteDeps } from "../http/RouteDeps.js"

const between = (minimum: number, maximum: number) =>
  Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum, maximum }))

/** The thresholds an organisation may set; absent keys keep their defaults (docs/rules.md). */
export const OrgSettings = Schema.Struct({
  timezone: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(64))),
  fuelAnomalyThresholdPct: Schema.optionalKey(between(0, 100)),
  overspeedLimitKmh: Schema.optionalKey(Schema.NullOr(between(20, 250))),
  overspeedMinDurationS: Schema.optionalKey(between(0, 600)),
  lowBatteryV: Schema.optionalKey(between(6, 30)),
  lowBatteryMinDurationS: Schema.optionalKey(between(0, 86_400)),
  offlineAfterMinutes: Schema.optionalKey(between(1, 10_080).check(Schema.isInt())),
  maxKmPerDay: Schema.optionalKey(between(100, 5_000)),
  maxSpeedKmh: Schema.optionalKey(between(50, 500)),
  odometerMismatchPct: Schema.optionalKey(between(1, 100)),
  minTripDurationS: Schema.optionalKey(between(0, 3_600)),
  minStopDurationS: Schema.optionalKey(between(0, 86_400)),
  maintenanceAheadKm: Schema.optionalKey(between(0, 100_000)),
  maintenanceAheadDays: Schema.optionalKey(between(0, 365).check(Schema.isInt())),
  /** Days audit entries are kept (purge_audit_log); unset keeps them two years. */
  auditRetentionDays: Schema.optionalKey(between(30, 3_650).check(Schema.isInt())),
})

const validTimezone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** Organisation rule settings: read by managers, changed by admins, every change audited. */
export const registerSettingsRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db, tokens, log } = deps
  route(
    app,
    "get",
    "/api/v1/settings",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager"])
      const settings = await db.withOrg(
        p.orgId,
        async (c) =>
          (await c.query<{ settings: object }>("SELECT settings FROM organisations")).rows[0]?.settings,
      )
      return { status: 200, body: settings ?? {} }
    },
    { log },
  )
  route(
    app,
    "put",
    "/api/v1/settings",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin"])
      const changes = decodeOr400(OrgSettings, jsonBody(request.body), "FLEET_SETTINGS_INVALID")
      if (changes.timezone !== undefined && !validTimezone(changes.timezone)) {
        throw new HttpError(
          400,
          "FLEET_SETTINGS_INVALID",
          "timezone must be an IANA time zone such as Asia/Almaty",
          "timezone",
        )
      }
      const updated = await db.withOrg(p.orgId, async (c) => {
        const before =
          (
            await c.query<{ settings: Record<string, unknown> }>(
              "SELECT settings FROM organisations FOR UPDATE",
            )
          ).rows[0]?.settings ?? {}
        const after = (
          await c.query<{ settings: Record<string, unknown> }>(
            "UPDATE organisations SET settings = settings || $2::jsonb WHERE id = $1 RETURNING settings",
            [p.orgId, JSON.stringify(changes)],
          )
        ).rows[0]?.settings
        // Only the keys whose value changed: before (null when it was unset) and after.
        const changed = Object.entries(changes).filter(
          ([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v),
        )
        if (changed.length > 0) {
          await audit(c, p, request, {
            action: "settings.update",
            entity: "organisation",
            entityId: p.orgId,
            oldValues: Object.fromEntries(changed.map(([k]) => [k, before[k] ?? null])),
            newValues: Object.fromEntries(changed),
          })
        }
        return after
      })
      return { status: 200, body: updated }
    },
    { log },
  )
}
