import ExcelJS from "exceljs"
import Papa from "papaparse"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import { expect } from "vitest"
import type { ApiClient } from "./harness.js"

/** The column of a CSV export under its header label. */
export const column = (rows: Array<Array<string>>, label: string): Array<string> => {
  const at = rows[0]?.indexOf(label) ?? -1
  expect(at, `column ${label} in ${rows[0]?.join("|")}`).toBeGreaterThanOrEqual(0)
  return rows.slice(1).map((r) => r[at] ?? "")
}

/**
 * Exported files of the server at `baseUrl()`, read back: the CSV's rows, the XLSX's text cells,
 * pictures and sheet, the PDF's text; and `created`, a POST that must answer 201 with an id.
 */
export const exportFiles = (baseUrl: () => string) => {
  const exportOf = async (api: ApiClient, path: string) => {
    const r = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${api.token}` } })
    return {
      status: r.status,
      type: r.headers.get("content-type") ?? "",
      bytes: Buffer.from(await r.arrayBuffer()),
    }
  }
  const ok = async (api: ApiClient, path: string) => {
    const e = await exportOf(api, path)
    expect(e.status, path).toBe(200)
    return e
  }
  return {
    exportOf,
    csvOf: async (api: ApiClient, path: string): Promise<Array<Array<string>>> =>
      Papa.parse<Array<string>>((await ok(api, path)).bytes.toString("utf8").replace(/^\uFEFF/u, ""), {
        skipEmptyLines: true,
      }).data,
    xlsxOf: async (api: ApiClient, path: string) => {
      const book = new ExcelJS.Workbook()
      await book.xlsx.load((await ok(api, path)).bytes as unknown as ArrayBuffer)
      const sheet = book.worksheets[0]
      if (sheet === undefined) throw new Error(`${path}: no sheet`)
      const cells: Array<string> = []
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ""))))
      const images = sheet.getImages().map((i) => book.getImage(Number(i.imageId)))
      return { cells, images, sheet }
    },
    pdfOf: async (api: ApiClient, path: string): Promise<string> => {
      const e = await ok(api, path)
      expect(e.type).toBe("application/pdf")
      const pdf = await getDocument({ data: new Uint8Array(e.bytes), useSystemFonts: false }).promise
      const parts: Array<string> = []
      for (let i = 1; i <= pdf.numPages; i++) {
        const content = await (await pdf.getPage(i)).getTextContent()
        parts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "))
      }
      return parts.join("\n")
    },
    created: async (api: ApiClient, path: string, body: Record<string, unknown>): Promise<string> => {
      const r = await api.call<{ id: string }>("POST", path, body)
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(201)
      return r.body.id
    },
  }
}
