import type { ClickHouseClient } from "@fleetcore/platform"

/**
 * The function categories of `system.functions` an analyst may call: computation on the values
 * they read. Left out: Dictionary and Embedded Dictionary (dictGet reads tables behind the views),
 * Introspection, Machine Learning, AI (external calls), Encryption, Internal, Time Series (they
 * address TimeSeries tables), "Other" (file(),
 * joinGet, hasColumnInTable, getSetting, hostName, sleep…) and functions with no category.
 */
const ALLOWED_CATEGORIES = new Set([
  "Aggregate Functions",
  "Arithmetic",
  "Arrays",
  "Bit",
  "Bitmap",
  "Comparison",
  "Conditional",
  "Dates and Times",
  "Distance",
  "Encoding",
  "Financial",
  "Geo",
  "Geo Polygon",
  "Hash",
  "IP Address",
  "JSON",
  "Logical",
  "Map",
  "Mathematical",
  "Null",
  "Random Number",
  "Rounding",
  "String",
  "String Replacement",
  "String Search",
  "String Splitting",
  "Time Window",
  "Tuple",
  "Type Conversion",
  "URL",
  "UUID",
])

/** Harmless functions filed under "Other" or under no category. */
const ALLOWED_NAMES = new Set([
  "lambda",
  "toTypeName",
  "ignore",
  "identity",
  "materialize",
  "bar",
  "transform",
  "formatReadableSize",
  "formatReadableDecimalSize",
  "formatReadableQuantity",
  "formatReadableTimeDelta",
  "runningDifference",
  "runningDifferenceStartingWithFirstValue",
  "neighbor",
  "throwIf",
  "finalizeAggregation",
  "initializeAggregation",
])

/** Aggregate combinators: sumIf, countIf, avgOrNull, uniqArray, argMaxState… */
const COMBINATORS = [
  "SimpleState",
  "MergeState",
  "ArgMin",
  "ArgMax",
  "OrDefault",
  "OrNull",
  "Distinct",
  "ForEach",
  "Resample",
  "Array",
  "State",
  "Merge",
  "Map",
  "If",
]

export interface FunctionCatalogue {
  readonly allows: (name: string) => boolean
}

interface FunctionRow {
  readonly name: string
  readonly categories: string
  readonly is_aggregate: number
  readonly case_insensitive: number
  readonly alias_to: string
}

export const catalogueOf = (rows: ReadonlyArray<FunctionRow>): FunctionCatalogue => {
  const exact = new Map(rows.map((r) => [r.name, r]))
  const folded = new Map(rows.filter((r) => r.case_insensitive === 1).map((r) => [r.name.toLowerCase(), r]))
  const find = (name: string): FunctionRow | undefined => {
    const row = exact.get(name) ?? folded.get(name.toLowerCase())
    return row && row.alias_to !== "" ? (exact.get(row.alias_to) ?? row) : row
  }
  const plain = (name: string): boolean => {
    if (ALLOWED_NAMES.has(name)) return true
    const row = find(name)
    return row !== undefined && (ALLOWED_CATEGORIES.has(row.categories) || row.is_aggregate === 1)
  }
  const aggregate = (name: string, depth: number): boolean => {
    const row = find(name)
    if (row?.is_aggregate === 1) return true
    if (depth === 0) return false
    return COMBINATORS.some(
      (c) => name.endsWith(c) && name.length > c.length && aggregate(name.slice(0, -c.length), depth - 1),
    )
  }
  return { allows: (name) => plain(name) || aggregate(name, 3) }
}

const loaded = new WeakMap<ClickHouseClient, Promise<FunctionCatalogue>>()

/** The functions this ClickHouse knows, read once from `system.functions`. */
export const functionCatalogue = (ch: ClickHouseClient): Promise<FunctionCatalogue> => {
  const known = loaded.get(ch)
  if (known) return known
  const loading = ch
    .query<FunctionRow>(
      "SELECT name, categories, toUInt8(is_aggregate) AS is_aggregate, toUInt8(case_insensitive) AS case_insensitive, alias_to FROM system.functions",
    )
    .then(catalogueOf)
  loaded.set(ch, loading)
  loading.catch(() => loaded.delete(ch))
  return loading
}
