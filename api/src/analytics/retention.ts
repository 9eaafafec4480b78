import type { ClickHouseClient, PostgresClient } from "@fleetcore/platform"

/** Months raw positions are kept, and years derived rows are kept, unless an organisation says otherwise. */
export const DEFAULT_POSITIONS_MONTHS = 13
export const DEFAULT_AGGREGATES_YEARS = 10

/** Each retained table: the time a row's age counts from, and whether it is raw or derived. */
export const RETAINED_TABLES: ReadonlyArray<{
  readonly table: string
  readonly time: string
  readonly kind: "positions" | "aggregates"
}> = [
  { table: "positions", time: "toDateTime(time)", kind: "positions" },
  { table: "trips", time: "toDateTime(start_time)", kind: "aggregates" },
  { table: "daily_mileage", time: "day", kind: "aggregates" },
  { table: "daily_mileage_driver", time: "day", kind: "aggregates" },
  { table: "fuel_events", time: "toDateTime(time)", kind: "aggregates" },
]

export interface OrgRetention {
  readonly orgId: string
  readonly positionsMonths: number | null
  readonly aggregatesYears: number | null
}

const uuid = (id: string): string => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u.test(id))
    throw new Error(`not a uuid: ${id}`)
  return `'${id}'`
}

/**
 * A table's TTL clause: the default for every organisation that set nothing, and one rule per
 * distinct value organisations chose (`DELETE WHERE org_id IN (…)`), so a table carries at most as
 * many rules as there are distinct settings, however many organisations.
 */
export const ttlClause = (
  time: string,
  unit: "Month" | "Year",
  fallback: number,
  chosen: ReadonlyArray<{ readonly orgId: string; readonly value: number }>,
): string => {
  const custom = chosen.filter((c) => c.value !== fallback)
  if (custom.length === 0) return `${time} + toInterval${unit}(${fallback})`
  const byValue = new Map<number, string[]>()
  for (const c of custom) byValue.set(c.value, [...(byValue.get(c.value) ?? []), uuid(c.orgId)])
  const all = custom.map((c) => uuid(c.orgId)).join(", ")
  const rules = [`${time} + toInterval${unit}(${fallback}) DELETE WHERE org_id NOT IN (${all})`]
  for (const [value, orgs] of [...byValue.entries()].sort((a, b) => a[0] - b[0])) {
    rules.push(`${time} + toInterval${unit}(${value}) DELETE WHERE org_id IN (${orgs.join(", ")})`)
  }
  return rules.join(", ")
}

/** Sets every retained table's TTL from the organisations' retention settings. */
export const applyRetention = async (
  ch: ClickHouseClient,
  orgs: ReadonlyArray<OrgRetention>,
): Promise<void> => {
  for (const t of RETAINED_TABLES) {
    const clause =
      t.kind === "positions"
        ? ttlClause(
            t.time,
            "Month",
            DEFAULT_POSITIONS_MONTHS,
            orgs.flatMap((o) =>
              o.positionsMonths === null ? [] : [{ orgId: o.orgId, value: o.positionsMonths }],
            ),
          )
        : ttlClause(
            t.time,
            "Year",
            DEFAULT_AGGREGATES_YEARS,
            orgs.flatMap((o) =>
              o.aggregatesYears === null ? [] : [{ orgId: o.orgId, value: o.aggregatesYears }],
            ),
          )
    await ch.exec(`ALTER TABLE ${t.table} MODIFY TTL ${clause} SETTINGS materialize_ttl_after_modify = 0`)
  }
}

/** Every organisation's retention settings, from Postgres (organisations.settings). */
export const readRetention = async (db: PostgresClient): Promise<ReadonlyArray<OrgRetention>> => {
  const result = await db.system.query<{ id: string; months: string | null; years: string | null }>(
    `SELECT id, settings->>'positionsRetentionMonths' AS months, settings->>'aggregatesRetentionYears' AS years
       FROM organisations
      WHERE settings ? 'positionsRetentionMonths' OR settings ? 'aggregatesRetentionYears'`,
  )
  return result.rows.map((r) => ({
    orgId: r.id,
    positionsMonths: r.months === null ? null : Number(r.months),
    aggregatesYears: r.years === null ? null : Number(r.years),
  }))
}
