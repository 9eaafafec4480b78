import type pg from "pg"

/** A column of a bulk insert and its SQL type, as `jsonb_to_recordset` reads it. */
export type Columns = Readonly<Record<string, string>>

const CHUNK = 4000

/**
 * Inserts `rows` into `table` with one statement per 4,000 rows: the rows travel as one JSON
 * parameter that `jsonb_to_recordset` turns back into typed columns, so thousands of rows cost a
 * few round trips instead of one each.
 */
export const bulkInsert = async (
  client: pg.ClientBase,
  table: string,
  columns: Columns,
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  onConflict = "",
): Promise<void> => {
  const names = Object.keys(columns)
  const list = names.join(", ")
  const record = names.map((n) => `${n} ${columns[n]}`).join(", ")
  for (let i = 0; i < rows.length; i += CHUNK) {
    await client.query(
      `INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS x(${record}) ${onConflict}`,
      [JSON.stringify(rows.slice(i, i + CHUNK))],
    )
  }
}
