import type { InsertColumn } from "../ClickHouse.js"

/**
 * A column as the Arrow C Data Interface array chDB's `ArrowRegisterColumns` takes: its format
 * (`g` float64, `u` UTF-8 text), row count, nulls, and buffers (validity bitmap or null, then the
 * values; text has offsets, then bytes).
 */
export interface ArrowArray {
  readonly name: string
  readonly format: "g" | "u"
  readonly length: number
  readonly nullCount: number
  readonly buffers: ReadonlyArray<Buffer | null>
}

const floats = (name: string, values: Float64Array): ArrowArray => {
  let nulls = 0
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) nulls++
  let validity: Buffer | null = null
  if (nulls > 0) {
    validity = Buffer.alloc(Math.ceil(values.length / 8))
    for (let i = 0; i < values.length; i++)
      if (!Number.isNaN(values[i])) validity[i >> 3] = (validity[i >> 3] as number) | (1 << (i & 7))
  }
  const data = Buffer.from(values.buffer, values.byteOffset, values.byteLength)
  return { name, format: "g", length: values.length, nullCount: nulls, buffers: [validity, data] }
}

const text = (name: string, values: ReadonlyArray<string>): ArrowArray => {
  const offsets = new Int32Array(values.length + 1)
  let bytes = 0
  for (const value of values) bytes += Buffer.byteLength(value)
  const data = Buffer.allocUnsafe(bytes)
  let at = 0
  for (let i = 0; i < values.length; i++) {
    offsets[i] = at
    at += data.write(values[i] as string, at)
  }
  offsets[values.length] = at
  const offsetBytes = Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength)
  return { name, format: "u", length: values.length, nullCount: 0, buffers: [null, offsetBytes, data] }
}

/** How the INSERT's SELECT turns a registered array into the table's column. */
const selectOf = (column: InsertColumn): string => {
  switch (column.kind) {
    case "millis":
      return `fromUnixTimestamp64Milli(toInt64(${column.name}), 'UTC')`
    case "json":
      return `JSONExtract(assumeNotNull(${column.name}), '${column.type}')`
    default:
      return column.name
  }
}

/** The Arrow arrays of `columns`, and the SELECT list that turns them into the table's columns. */
export const arrowColumns = (
  columns: ReadonlyArray<InsertColumn>,
): { readonly arrays: ReadonlyArray<ArrowArray>; readonly select: string } => {
  const arrays: ArrowArray[] = []
  const select: string[] = []
  for (const column of columns) {
    const { name } = column
    // Spliced into the INSERT: FleetCore's own column names and types, never a request's.
    if (!/^[a-z_][a-z0-9_]*$/u.test(name)) throw new Error(`not a plain column name: ${name}`)
    if (column.kind === "json" && !/^[A-Za-z0-9_(), ]+$/u.test(column.type))
      throw new Error(`not a plain ClickHouse type: ${column.type}`)
    arrays.push(
      column.kind === "string" || column.kind === "json"
        ? text(name, column.values)
        : floats(name, column.values),
    )
    select.push(selectOf(column))
  }
  return { arrays, select: select.join(", ") }
}
