import { PassThrough } from "node:stream"
import type ExcelJS from "exceljs"
import type { Cell, ColumnKind, ExportDocument } from "./ExportDocument.js"
import { withXlsxLogo, XLSX_LOGO_FIT } from "./xlsxLogo.js"

/** Excel number formats per column kind (money in the document's currency, two decimals). */
export const XLSX_FORMATS: Readonly<Record<ColumnKind, string | undefined>> = {
  text: undefined,
  number: "#,##0",
  money: "#,##0.00",
  distance: "#,##0.0",
  percent: '0.0"%"',
  date: "yyyy-mm-dd",
  decimal: "#,##0.0",
  hours: "#,##0.0",
  label: undefined,
  duration: "[h]:mm",
  datetime: "yyyy-mm-dd hh:mm",
}

/**
 * A cell as Excel holds it: money and numbers as numbers (formatted), days and times as dates. Excel
 * has no time zones: a time is written as the organisation's wall clock (exceljs stores a Date's
 * UTC reading), the zone named in the notes.
 */
const value = (kind: ColumnKind, v: Cell): ExcelJS.CellValue => {
  if (v === null) return null
  if (kind === "date" && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/u.test(v))
    return new Date(`${v}T00:00:00Z`)
  if (kind === "datetime" && typeof v === "string" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/u.test(v))
    return new Date(`${v.replace(" ", "T")}:00Z`)
  // Excel counts time in days.
  if (kind === "duration" && typeof v === "number") return v / 86_400
  if (
    (kind === "money" ||
      kind === "number" ||
      kind === "distance" ||
      kind === "percent" ||
      kind === "decimal" ||
      kind === "hours") &&
    typeof v === "string"
  ) {
    const n = Number(v)
    return Number.isFinite(n) ? n : v
  }
  return v
}

/**
 * A document as an XLSX workbook, written with exceljs' streaming WorkbookWriter (rows are
 * committed as they are added, so a large list never sits whole in memory as cells): the
 * organisation's logo (when it has one) in a first row of its height, the title, the organisation
 * and the notes above a header row, the rows, and a bold totals row.
 */
export const renderXlsx = async (doc: ExportDocument): Promise<Buffer> => {
  // Loaded with the first workbook, not at start (~9 MiB of heap).
  const { default: ExcelJS } = await import("exceljs")
  const out = new PassThrough()
  const chunks: Array<Buffer> = []
  out.on("data", (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", resolve)
    out.on("error", reject)
  })
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
  })
  book.creator = "FleetCore"
  const logo = doc.logo ?? null
  const sheet = book.addWorksheet(doc.title.slice(0, 31), {
    views: [{ state: "frozen", ySplit: doc.notes.length + 4 + (logo === null ? 0 : 1) }],
  })
  sheet.columns = doc.columns.map((c) => ({
    width: c.kind === "text" ? 28 : 16,
    style: XLSX_FORMATS[c.kind] === undefined ? {} : { numFmt: XLSX_FORMATS[c.kind] as string },
  }))
  if (logo !== null) {
    const logoRow = sheet.addRow([])
    // Points are 3/4 of a pixel.
    logoRow.height = XLSX_LOGO_FIT.height * 0.75 + 4
    logoRow.commit()
  }
  const title = sheet.addRow([doc.title])
  title.font = { bold: true, size: 14 }
  title.commit()
  sheet.addRow([doc.orgName]).commit()
  for (const note of doc.notes) sheet.addRow([note]).commit()
  sheet.addRow([]).commit()
  const header = sheet.addRow(doc.columns.map((c) => c.label))
  header.font = { bold: true }
  header.commit()
  const add = (cells: ReadonlyArray<Cell>, bold: boolean) => {
    const row = sheet.addRow(cells.map((v, i) => value(doc.columns[i]?.kind ?? "text", v)))
    doc.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      const format = XLSX_FORMATS[c.kind]
      if (format !== undefined) cell.numFmt = format
      if (bold) cell.font = { bold: true }
    })
    row.commit()
  }
  for (const r of doc.rows) add(r, false)
  if (doc.totals !== null) add(doc.totals, true)
  sheet.commit()
  await book.commit()
  await done
  const xlsx = Buffer.concat(chunks)
  return logo === null ? xlsx : withXlsxLogo(xlsx, logo, 0)
}
