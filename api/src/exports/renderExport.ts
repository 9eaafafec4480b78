import type { EXPORT_FORMATS } from "@fleetcore/contract"
import type { ExportDocument } from "./ExportDocument.js"
import { renderCsv } from "./renderCsv.js"
import { renderPdf } from "./renderPdf.js"
import { renderXlsx } from "./renderXlsx.js"

export type ExportFormatName = (typeof EXPORT_FORMATS)[number]

/** A document as the bytes of a file in `format` (CSV, XLSX or PDF). */
export const renderExport = async (doc: ExportDocument, format: ExportFormatName): Promise<Buffer> =>
  format === "csv"
    ? Buffer.from(renderCsv(doc), "utf8")
    : format === "xlsx"
      ? await renderXlsx(doc)
      : await renderPdf(doc)
