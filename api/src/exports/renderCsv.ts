import Papa from "papaparse"
import type { ExportDocument } from "./ExportDocument.js"

/** Seconds as "h:mm:ss", which spreadsheets read as a time span. */
const duration = (s: number): string => {
  const whole = Math.round(s)
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${Math.floor(whole / 3600)}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}`
}

/**
 * A document as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so spreadsheets read Cyrillic):
 * the header of column labels, the rows, then the totals row. Money stays a decimal string
 * ("1234.50"), numbers are written as numbers, days as "YYYY-MM-DD", durations as "h:mm:ss":
 * machine-readable values.
 */
export const renderCsv = (doc: ExportDocument): string =>
  `\uFEFF${Papa.unparse(
    {
      fields: doc.columns.map((c) => c.label),
      data: [...doc.rows, ...(doc.totals === null ? [] : [doc.totals])].map((r) =>
        r.map((v, i) =>
          doc.columns[i]?.kind === "duration" && typeof v === "number" ? duration(v) : (v ?? ""),
        ),
      ),
    },
    // A text starting like a formula is quoted with a leading apostrophe; a negative amount is not.
    { newline: "\r\n", escapeFormulae: /^([=+@\t\r]|-(?!\d))/u },
  )}\r\n`
