import ExcelJS from "exceljs"
import Papa from "papaparse"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import sharp from "sharp"
import { describe, expect, it } from "vitest"
import { type ExportDocument, reportDocument } from "./ExportDocument.js"
import { renderCsv } from "./renderCsv.js"
import { renderPdf } from "./renderPdf.js"
import { renderXlsx } from "./renderXlsx.js"

/** A TCO answer with Cyrillic, Kazakh and Turkish names, a negative amount and a formula-like name. */
const table = {
  report: "tco" as const,
  period: { preset: "lastMonth" as const, from: "2025-01-01", to: "2025-01-31" },
  currency: "KZT",
  timezone: "Asia/Almaty",
  filters: [{ key: "teamId", id: "8a3c1a7e-0000-4000-8000-000000000001", name: "Өскемен тобы" }],
  columns: [
    { key: "vehicle", kind: "text" as const },
    { key: "plate", kind: "text" as const },
    { key: "fuel", kind: "money" as const },
    { key: "total", kind: "money" as const },
    { key: "distanceKm", kind: "distance" as const },
  ],
  rows: [
    {
      vehicle: "Қызылорда ұңғыма һәм ғимарат",
      plate: "123 ABC 02",
      fuel: "15000.50",
      total: "15000.50",
      distanceKm: 1234.5,
    },
    { vehicle: "Газель Ёжик", plate: null, fuel: "-200.25", total: "-200.25", distanceKm: 0 },
    { vehicle: "=Şoför Ilık İğne", plate: "34 ABC 12", fuel: "0.00", total: "0.00", distanceKm: 10 },
  ],
  totals: { vehicle: null, plate: null, fuel: "14800.25", total: "14800.25", distanceKm: 1244.5 },
  charts: [],
  originals: [],
  unconverted: 0,
}

const doc = (language: "en" | "ru" | "kk" | "tr"): ExportDocument =>
  reportDocument(table, "ТОО «Көлік»", language)

describe("renderCsv", () => {
  it("round-trips through papaparse: header labels, every row, the totals row, exact decimals", () => {
    const text = renderCsv(doc("ru"))
    expect(text.startsWith("\uFEFF")).toBe(true)
    const parsed = Papa.parse<Array<string>>(text.slice(1), { skipEmptyLines: true })
    expect(parsed.errors).toEqual([])
    const [header, ...rest] = parsed.data
    expect(header).toEqual(["Транспортное средство", "Госномер", "Топливо", "Итого", "Пробег, км"])
    expect(rest).toHaveLength(4)
    expect(rest[0]).toEqual(["Қызылорда ұңғыма һәм ғимарат", "123 ABC 02", "15000.50", "15000.50", "1234.5"])
    expect(rest[1]?.[2]).toBe("-200.25")
    // A text that a spreadsheet would run as a formula is defused.
    expect(rest[2]?.[0]).toBe("'=Şoför Ilık İğne")
    expect(rest[3]).toEqual(["Итого", "", "14800.25", "14800.25", "1244.5"])
  })
})

describe("renderXlsx", () => {
  it("reads back with exceljs: title, header, rows as numbers with money formats, a bold totals row", async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await renderXlsx(doc("kk"))) as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    if (sheet === undefined) throw new Error("no sheet")
    expect(sheet.getCell("A1").value).toBe("Иеленудің жалпы құны")
    expect(sheet.getCell("A2").value).toBe("ТОО «Көлік»")
    const values: Array<Array<unknown>> = []
    sheet.eachRow((row) => {
      values.push((row.values as Array<unknown>).slice(1))
    })
    const headerAt = values.findIndex((v) => v[0] === "Көлік құралы")
    expect(headerAt).toBeGreaterThan(1)
    expect(values[headerAt]).toEqual([
      "Көлік құралы",
      "Мемлекеттік нөмір",
      "Жанармай",
      "Барлығы",
      "Жүрген жолы, км",
    ])
    const data = values.slice(headerAt + 1)
    expect(data).toHaveLength(4)
    expect(data[0]?.[2]).toBe(15000.5)
    expect(data[1]?.[3]).toBe(-200.25)
    expect(data[3]?.[0]).toBe("Барлығы")
    expect(data[3]?.[3]).toBe(14800.25)
    const totalsRow = sheet.lastRow
    if (totalsRow === undefined) throw new Error("no rows")
    expect(totalsRow.getCell(4).numFmt).toBe("#,##0.00")
    expect(totalsRow.getCell(5).numFmt).toBe("#,##0.0")
    expect(totalsRow.getCell(1).font?.bold).toBe(true)
    expect(totalsRow.getCell(4).font?.bold).toBe(true)
  })
})

describe("renderXlsx with the organisation's logo", () => {
  it("anchors the logo (PNG or JPEG) in a first row of its own, above the title; none without", async () => {
    const read = async (bytes: Buffer) => {
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(bytes as unknown as ArrayBuffer)
      const sheet = book.worksheets[0]
      if (sheet === undefined) throw new Error("no sheet")
      return { book, sheet }
    }
    const plain = await read(await renderXlsx(doc("ru")))
    expect(plain.sheet.getImages()).toHaveLength(0)
    for (const format of ["png", "jpeg"] as const) {
      const logo = await sharp({
        create: { width: 600, height: 150, channels: 3, background: { r: 10, g: 80, b: 160 } },
      })
        [format]()
        .toBuffer()
      const { book, sheet } = await read(await renderXlsx({ ...doc("ru"), logo }))
      const images = sheet.getImages()
      expect(images, format).toHaveLength(1)
      expect(images[0]?.range.tl.nativeRow).toBe(0)
      expect(images[0]?.range.tl.nativeCol).toBe(0)
      const media = book.getImage(Number(images[0]?.imageId))
      expect(Buffer.from(media.buffer as unknown as Uint8Array).equals(logo)).toBe(true)
      expect(media.extension).toBe(format)
      expect(sheet.getCell("A2").value).toBe("Совокупная стоимость владения")
      expect(sheet.getCell("A3").value).toBe("ТОО «Көлік»")
    }
    const odd = await read(await renderXlsx({ ...doc("ru"), logo: Buffer.from("GIF89a not drawn") }))
    expect(odd.sheet.getImages()).toHaveLength(0)
  })
})

const pdfText = async (bytes: Buffer): Promise<{ text: string; pages: number; size: [number, number] }> => {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise
  const parts: Array<string> = []
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i)
    const content = await page.getTextContent()
    parts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "))
  }
  const first = await pdf.getPage(1)
  const [, , w, h] = first.view
  return { text: parts.join("\n"), pages: pdf.numPages, size: [Math.round(w ?? 0), Math.round(h ?? 0)] }
}

describe("renderPdf", () => {
  it("is A4 landscape and its extracted text has the Kazakh, Russian and Turkish letters as written", async () => {
    const { text, size } = await pdfText(await renderPdf(doc("kk")))
    expect(size).toEqual([842, 595])
    expect(text).toContain("ТОО «Көлік»")
    expect(text).toContain("Иеленудің жалпы құны")
    expect(text).toContain("Қызылорда ұңғыма һәм ғимарат")
    expect(text).toContain("Газель Ёжик")
    expect(text).toContain("=Şoför Ilık İğne")
    expect(text).toContain("Өскемен тобы")
    expect(text).toContain("Барлығы")
  })

  it("writes numbers the reader's way: Russian groups with spaces and a decimal comma", async () => {
    const { text } = await pdfText(await renderPdf(doc("ru")))
    expect(text.replace(/\s/gu, " ")).toContain("15 000,50")
    expect(text).toContain("01.01.2025 – 31.01.2025")
  })

  it("draws the organisation's logo (PNG or JPEG) above its name when set, no image without", async () => {
    const hasImage = (pdf: Buffer) => /\/Subtype\s*\/Image/u.test(pdf.toString("latin1"))
    const logo = (format: "png" | "jpeg") =>
      sharp({ create: { width: 600, height: 150, channels: 3, background: { r: 10, g: 80, b: 160 } } })
        [format]()
        .toBuffer()
    expect(hasImage(await renderPdf(doc("ru")))).toBe(false)
    for (const format of ["png", "jpeg"] as const) {
      const pdf = await renderPdf({ ...doc("ru"), logo: await logo(format) })
      expect(hasImage(pdf), format).toBe(true)
      expect((await pdfText(pdf)).text).toContain("ТОО «Көлік»")
    }
    // Bytes that are neither are left out rather than breaking the file.
    const odd = await renderPdf({ ...doc("ru"), logo: Buffer.from("GIF89a not drawn") })
    expect(hasImage(odd)).toBe(false)
  })
})
