import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { TeltonikaIoMap } from "../teltonikaIoMap.js"

const between = (minimum: number, maximum: number) =>
  Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum, maximum }))

/** The rule thresholds an organisation may set; absent keys keep their defaults (docs/rules.md). */
export const RuleSettings = Schema.Struct({
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
  /** Months raw positions are kept in ClickHouse (docs/analytics.md, Retention); unset keeps 13. */
  positionsRetentionMonths: Schema.optionalKey(between(1, 120).check(Schema.isInt())),
  /** Years trips, daily distances and fuel events are kept; unset keeps 10. */
  aggregatesRetentionYears: Schema.optionalKey(between(1, 30).check(Schema.isInt())),
  /** Teltonika IO ids mapped the organisation's way, over the device model's map (docs/devices.md). */
  teltonikaIoMap: Schema.optionalKey(TeltonikaIoMap),
}).annotate({ identifier: "RuleSettings" })

/** The names of the rule settings, in declaration order. */
export const RULE_SETTING_KEYS = Object.keys(RuleSettings.fields) as ReadonlyArray<
  keyof typeof RuleSettings.fields
>

/** The organisation's rule thresholds: read by managers, changed by admins, every change audited. */
export const settings = {
  get: endpoint({
    id: "settings.get",
    method: "get",
    path: "/api/v1/settings",
    tag: "settings",
    summary: "The organisation's rule thresholds that were set (absent ones keep their defaults)",
    access: "settings.read",
    response: RuleSettings,
  }),
  update: endpoint({
    id: "settings.update",
    method: "put",
    path: "/api/v1/settings",
    tag: "settings",
    summary: "Change some rule thresholds; keys left out keep their value",
    access: "organisation.settings",
    body: RuleSettings,
    invalidCode: "FLEET_SETTINGS_INVALID",
    response: RuleSettings,
  }),
} as const
