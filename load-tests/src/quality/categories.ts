/**
 * The conditions a labelled vehicle is generated under: one per vehicle. Every vehicle also has
 * fills when its tank runs low and reports fuel, so fills and false alarms are scored everywhere.
 */
export const CATEGORIES = [
  "clean",
  "urban_noise",
  "gps_outage",
  "late_upload",
  "clock_skew",
  "fuel_slosh",
  "theft_parked_drain",
  "theft_slow_siphon",
  "theft_idle_drain",
  "theft_after_fill",
  "fill",
  "odometer_rollback",
  "odometer_tamper",
  "odometer_frozen",
  "odometer_jump",
] as const

export type Category = (typeof CATEGORIES)[number]

export const isCategory = (value: string): value is Category =>
  (CATEGORIES as ReadonlyArray<string>).includes(value)

/** Categories whose vehicles always report an odometer (the fault is in it). */
export const ODOMETER_CATEGORIES: ReadonlyArray<Category> = [
  "odometer_rollback",
  "odometer_tamper",
  "odometer_frozen",
  "odometer_jump",
]
