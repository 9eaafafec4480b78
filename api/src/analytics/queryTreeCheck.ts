import { ALLOWED_TABLE_FUNCTIONS } from "./astCheck.js"

/**
 * Second look, after ClickHouse resolved every name (`EXPLAIN QUERY TREE`): each table the query
 * reads is a view of the organisation's database (or `system.one`, the table of a SELECT without
 * FROM), each table function one that reads no data. Answers the first offending source, or null.
 */
export const offendingSource = (lines: ReadonlyArray<string>, orgDatabase: string): string | null => {
  for (const line of lines) {
    const table = /^\s*TABLE id: \d+.*?, table_name: ([^,\s]+)/u.exec(line)
    if (table) {
      const name = table[1] as string
      if (!name.startsWith(`${orgDatabase}.`) && name !== "system.one") return name
    }
    const fn = /^\s*TABLE_FUNCTION id: \d+.*?, table_function_name: ([^,\s]+)/u.exec(line)
    if (fn && !ALLOWED_TABLE_FUNCTIONS.has(fn[1] as string)) return `${fn[1]}()`
  }
  return null
}
