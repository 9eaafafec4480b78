/**
 * The ClickHouse tables an analyst reads, each through a view of their organisation's rows
 * (docs/analytics.md). `final`: the view reads the table with FINAL, so a re-derived row shows
 * once, in its newest version (small derived tables; positions are too large for FINAL on
 * every read and redeliveries are rare: analysts use LIMIT 1 BY there).
 */
export interface AnalyticsTableSpec {
  readonly name: string
  readonly final: boolean
  readonly description: string
}

export const ANALYTICS_TABLES: ReadonlyArray<AnalyticsTableSpec> = [
  { name: "positions", final: false, description: "Every accepted telemetry point" },
  { name: "trips", final: true, description: "Trips derived by the engine (newest derivation)" },
  { name: "daily_mileage", final: true, description: "Distance per vehicle per day of the organisation" },
  {
    name: "daily_mileage_driver",
    final: true,
    description: "Distance per driver, vehicle and day of the organisation",
  },
  { name: "fuel_events", final: true, description: "Fuel-level sensor drops and fills" },
  { name: "dead_letters", final: false, description: "Rejected input of the organisation's devices" },
]

/** The organisation's analytics database: only views of its own rows live there. */
export const orgDatabaseOf = (orgId: string): string => {
  const hex = orgId.toLowerCase().replaceAll("-", "")
  if (!/^[0-9a-f]{32}$/u.test(hex)) throw new Error(`not an organisation id: ${orgId}`)
  return `fleet_org_${hex}`
}
