import { type CellKind, MAX_IMPORT_ROWS, type Reason, reason } from "@fleetcore/contract"
import { HttpError, type Request } from "@fleetcore/platform"
import Papa from "papaparse"
import { refuse } from "../http/refuse.js"

/** One data row: its row number (the header is row 1) and its cells as wire values, or why not. */
export type CsvRow =
  | { readonly row: number; readonly record: Record<string, unknown> }
  | { readonly row: number; readonly refusal: HttpError }

const invalid = (why: Reason, field: string | null = null) =>
  refuse(400, "FLEET_IMPORT_CSV_INVALID", field, why)
const rowInvalid = (why: Reason) => refuse(400, "FLEET_IMPORT_ROW_INVALID", null, why)

/** The request body as text: only `text/csv`, only UTF-8 (a BOM is dropped), no NUL characters. */
export const csvText = (request: Request): string => {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase()
  if (type !== "text/csv") throw new HttpError(415, "FLEET_IMPORT_MEDIA_TYPE", "the body must be text/csv")
  let text: string
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(request.body)
  } catch {
    throw invalid(reason("notUtf8"))
  }
  if (text.includes("\u0000")) throw invalid(reason("notText"))
  return text.replace(/^\uFEFF/u, "")
}

const TRUE = new Set(["true", "yes", "1", "да", "иә", "evet"])
const FALSE = new Set(["false", "no", "0", "нет", "жоқ", "hayır"])

/** A cell as the create endpoint's schema expects it; a value that does not read stays text, so the schema names the problem. */
const cellValue = (text: string, kind: CellKind): unknown => {
  switch (kind) {
    case "text":
      return text
    case "number":
    case "int": {
      const normal = text.replace(/\s/gu, "").replace(",", ".")
      return /^-?\d+(\.\d+)?$/u.test(normal) ? Number(normal) : text
    }
    case "boolean": {
      const lower = text.toLowerCase()
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : text
    }
    case "list":
      return text.split(/[\s|]+/u).filter((s) => s !== "")
  }
}

/**
 * `;` when the header row has more columns split by `;` than by `,` (Excel in ru/kk locales), else
 * `,`. Decided on the header alone: papaparse's own guess needs several consistent rows.
 */
const delimiterOf = (text: string): string => {
  const columns = (delimiter: string) =>
    Papa.parse<Array<string>>(text, { delimiter, preview: 1 }).data[0]?.length ?? 0
  return columns(";") > columns(",") ? ";" : ","
}

/**
 * Reads CSV text (`,` or `;` separated, as Excel writes in ru/kk locales) with papaparse. The header
 * names columns of `columns` (any case, any order); an unknown or repeated column, or a missing
 * `required` one, refuses the whole file. Blank rows are skipped but keep their number.
 */
export const readCsv = (
  text: string,
  columns: ReadonlyArray<readonly [string, CellKind]>,
  required: ReadonlyArray<string>,
): ReadonlyArray<CsvRow> => {
  const parsed = Papa.parse<Array<string>>(text, { delimiter: delimiterOf(text), skipEmptyLines: false })
  const [header, ...data] = parsed.data
  if (header === undefined || header.every((h) => h.trim() === "")) throw invalid(reason("noHeader"))
  if (data.length > MAX_IMPORT_ROWS + 1)
    throw new HttpError(413, "FLEET_IMPORT_TOO_MANY_ROWS", `at most ${MAX_IMPORT_ROWS} rows per import`)
  const byName = new Map(columns.map(([name, kind]) => [name.toLowerCase(), [name, kind] as const]))
  const mapped = header.map((h) => {
    const found = byName.get(h.trim().toLowerCase())
    if (found === undefined) throw invalid(reason("unknownColumn", { column: h.trim() }), h.trim())
    return found
  })
  const names = mapped.map(([name]) => name)
  const repeated = names.find((n, i) => names.indexOf(n) !== i)
  if (repeated !== undefined) throw invalid(reason("columnTwice", { column: repeated }), repeated)
  const missing = required.find((r) => !names.includes(r))
  if (missing !== undefined) throw invalid(reason("columnMissing", { column: missing }), missing)
  // papaparse's error codes: MissingQuotes and InvalidQuotes are a quote left open or stray.
  const broken = new Map(
    parsed.errors.map((e) => [e.row ?? -1, reason(e.code.endsWith("Quotes") ? "unclosedQuote" : "notCsv")]),
  )
  const rows: CsvRow[] = []
  for (const [i, cells] of data.entries()) {
    const row = i + 2
    if (cells.every((cell) => cell.trim() === "")) continue
    const problem = broken.get(i + 1)
    if (problem !== undefined) {
      rows.push({ row, refusal: rowInvalid(problem) })
      continue
    }
    if (cells.length > mapped.length) {
      const why = reason("extraCells", { cells: cells.length, columns: mapped.length })
      rows.push({ row, refusal: rowInvalid(why) })
      continue
    }
    const record: Record<string, unknown> = {}
    for (const [j, [name, kind]] of mapped.entries()) {
      const cell = (cells[j] ?? "").trim()
      if (cell !== "") record[name] = cellValue(cell, kind)
    }
    rows.push({ row, record })
  }
  if (rows.length > MAX_IMPORT_ROWS)
    throw new HttpError(413, "FLEET_IMPORT_TOO_MANY_ROWS", `at most ${MAX_IMPORT_ROWS} rows per import`)
  return rows
}

/** The template of an import: the header and one sample row, `,` separated, quoted where needed. */
export const csvTemplate = (
  columns: ReadonlyArray<readonly [string, CellKind]>,
  sample: ReadonlyArray<string>,
): string =>
  `${Papa.unparse({ fields: columns.map(([name]) => name), data: [sample] }, { newline: "\r\n" })}\r\n`
