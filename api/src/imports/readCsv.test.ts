import { IMPORT_COLUMNS, IMPORT_SAMPLES } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import Papa from "papaparse"
import { describe, expect, it } from "vitest"
import { csvTemplate, readCsv } from "./readCsv.js"

const vehicles = IMPORT_COLUMNS.vehicles
const readings = IMPORT_COLUMNS["odometer-readings"]
const codeOf = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    if (error instanceof HttpError) return `${error.status} ${error.code}`
    throw error
  }
  return "no error"
}

describe("readCsv", () => {
  it("reads `;` (Excel in ru/kk), numbers with a decimal comma, and keeps row numbers across blank lines", () => {
    const rows = readCsv("Plate;VALUEKM;note\n123 ABC 02;45 210,5;x\n\n124 ABC 02;abc;\n", readings, [
      "plate",
    ])
    expect(rows).toEqual([
      { row: 2, record: { plate: "123 ABC 02", valueKm: 45_210.5, note: "x" } },
      { row: 4, record: { plate: "124 ABC 02", valueKm: "abc" } },
    ])
  })

  it("reads `,` with quoted cells, booleans in the four languages and lists", () => {
    const rows = readCsv('plate,name,rental\n"1 A, 2",Camry,да\n2 B,"Say ""hi""",evet\n', vehicles, [])
    expect(rows).toEqual([
      { row: 2, record: { plate: "1 A, 2", name: "Camry", rental: true } },
      { row: 3, record: { plate: "2 B", name: 'Say "hi"', rental: true } },
    ])
    const drivers = readCsv("employeeId,licenceCategories\nE1,B | C  D\n", IMPORT_COLUMNS.drivers, [])
    expect(drivers).toEqual([{ row: 2, record: { employeeId: "E1", licenceCategories: ["B", "C", "D"] } }])
  })

  it("refuses a row with more cells than the header, and only that row", () => {
    const rows = readCsv("plate,name\nA 1,one,extra\nA 2,two\n", vehicles, [])
    expect(rows[0]).toMatchObject({ row: 2, refusal: { code: "FLEET_IMPORT_ROW_INVALID" } })
    expect(rows[1]).toEqual({ row: 3, record: { plate: "A 2", name: "two" } })
  })

  it("refuses the whole file for an unknown, repeated or missing required column", () => {
    expect(codeOf(() => readCsv("plate,colour_\nA,red\n", vehicles, []))).toBe("400 FLEET_IMPORT_CSV_INVALID")
    expect(codeOf(() => readCsv("plate,Plate\nA,B\n", vehicles, []))).toBe("400 FLEET_IMPORT_CSV_INVALID")
    expect(codeOf(() => readCsv("plate\nA\n", readings, ["plate", "valueKm"]))).toBe(
      "400 FLEET_IMPORT_CSV_INVALID",
    )
    expect(codeOf(() => readCsv("", vehicles, []))).toBe("400 FLEET_IMPORT_CSV_INVALID")
  })

  it("refuses more than 10,000 rows", () => {
    const text = `plate\n${"A\n".repeat(10_001)}`
    expect(codeOf(() => readCsv(text, vehicles, []))).toBe("413 FLEET_IMPORT_TOO_MANY_ROWS")
    expect(readCsv(`plate\n${"A\n".repeat(10_000)}`, vehicles, [])).toHaveLength(10_000)
  })
})

describe("csvTemplate", () => {
  it("is the header of every column and the sample row, read back to the same cells", () => {
    for (const kind of ["vehicles", "drivers", "odometer-readings"] as const) {
      const text = csvTemplate(IMPORT_COLUMNS[kind], IMPORT_SAMPLES[kind])
      const [header, sample] = Papa.parse<Array<string>>(text, { skipEmptyLines: true }).data
      expect(header).toEqual(IMPORT_COLUMNS[kind].map(([name]) => name))
      expect(sample).toEqual(IMPORT_SAMPLES[kind])
      expect(sample).toHaveLength(IMPORT_COLUMNS[kind].length)
    }
  })
})
