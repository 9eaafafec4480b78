import ExcelJS from "exceljs"
import Papa from "papaparse"
import { describe, expect, it } from "vitest"
import { reportDocument } from "./ExportDocument.js"
import { renderCsv } from "./renderCsv.js"
import { formatCell } from "./renderPdf.js"
import { renderXlsx } from "./renderXlsx.js"

/** A capped trips answer: durations in seconds, wall-clock times, headline figures. */
const table = {
  report: "trips" as const,
  period: { preset: "custom" as const, from: "2025-03-01", to: "2025-03-31" },
  currency: "KZT",
  timezone: "Asia/Almaty",
  filters: [],
  columns: [
    { key: "vehicle", kind: "text" as const },
    { key: "start", kind: "datetime" as const },
    { key: "duration", kind: "duration" as const },
  ],
  rows: [
    { vehicle: "Камаз", start: "2025-03-02 10:00", duration: 5430 },
    { vehicle: "Sprinter", start: "2025-03-06 08:30", duration: 59 },
  ],
  totals: { vehicle: null, start: null, duration: 95_400 },
  summary: [
    { key: "trips", kind: "number" as const, value: 2500 },
    { key: "duration", kind: "duration" as const, value: 95_400 },
  ],
  charts: [],
  originals: [],
  unconverted: 0,
  rowsTotal: 2500,
}

describe("telemetry report cells in the exports", () => {
  const doc = reportDocument(table, "Demo Fleet", "ru")

  it("states the time zone, the headline figures and that the rows are capped", () => {
    expect(doc.notes).toContain("Время в часовом поясе: Asia/Almaty")
    expect(doc.notes).toContain("Длительность: 26:30")
    expect(doc.notes.join("\n")).toContain("первые 2 из 2500")
  })

  it("writes durations as h:mm:ss in CSV and hours:minutes in the PDF, times as given", () => {
    const rows = Papa.parse<Array<string>>(renderCsv(doc).replace(/^\uFEFF/u, ""), {
      skipEmptyLines: true,
    }).data
    expect(rows[1]).toEqual(["Камаз", "2025-03-02 10:00", "1:30:30"])
    expect(rows[3]).toEqual(["Итого", "", "26:30:00"])
    expect(formatCell("ru", "duration", 5430)).toBe("1:31")
    expect(formatCell("ru", "duration", 59)).toBe("0:01")
    expect(formatCell("ru", "datetime", "2025-03-02 10:00")).toBe("2025-03-02 10:00")
  })

  it("gives XLSX durations as Excel time ([h]:mm) so sums add up", async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await renderXlsx(doc)) as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    let found: ExcelJS.Cell | undefined
    sheet?.eachRow((row) => {
      if (row.getCell(1).value === "Камаз") found = row.getCell(3)
    })
    expect(found?.numFmt).toBe("[h]:mm")
    const value = found?.value
    const days = value instanceof Date ? (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : value
    expect(Number(days) * 86_400).toBeCloseTo(5430, 3)
  })
})
