/// <reference path="./pdfmake.d.ts" />
import { createRequire } from "node:module"
import type { DocumentDefinition } from "pdfmake"
import {
  type Cell,
  type ColumnKind,
  type ExportDocument,
  formatDay,
  formatDuration,
} from "./ExportDocument.js"
import { EXPORT_TEXTS } from "./exportTexts.js"

const require = createRequire(import.meta.url)

/**
 * DejaVu Sans from npm (`dejavu-fonts-ttf`): its glyphs cover Cyrillic with the Kazakh letters
 * (ә ғ қ ң ө ұ ү һ і) and Turkish (ğ ş ı İ); checked in `renderPdf.test.ts` on the extracted text.
 */
const FONT_FILES = {
  normal: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  italics: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf"),
  bolditalics: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf"),
}
const FONT_PATHS = new Set(Object.values(FONT_FILES))

/**
 * pdfmake with the fonts set, loaded with the first PDF: a server that never renders one does not
 * hold it (~6 MiB of heap, see "Memory at rest" in docs/architecture.md).
 */
let loaded: Promise<typeof import("pdfmake")["default"]> | undefined
const loadPdfmake = () =>
  (loaded ??= import("pdfmake").then(({ default: pdfmake }) => {
    pdfmake.setFonts({ DejaVuSans: FONT_FILES })
    // A document never loads anything but the fonts: no URL, no other local file.
    pdfmake.setUrlAccessPolicy(() => false)
    pdfmake.setLocalAccessPolicy((path: string) => FONT_PATHS.has(path))
    return pdfmake
  }))

/** A cell as the reader of the language writes it (money with two decimals, days as days). */
export const formatCell = (language: string, kind: ColumnKind, v: Cell, wholeMoney = false): string => {
  if (v === null) return ""
  switch (kind) {
    case "money":
      return new Intl.NumberFormat(language, {
        minimumFractionDigits: wholeMoney ? 0 : 2,
        maximumFractionDigits: wholeMoney ? 0 : 2,
      }).format(Number(v))
    case "distance":
    case "decimal":
    case "hours":
      return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(Number(v))
    case "number":
      return new Intl.NumberFormat(language).format(Number(v))
    case "percent":
      return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(
        Number(v) / 100,
      )
    case "date":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/u.test(v)
        ? formatDay(language as "en", v)
        : String(v)
    case "duration":
      return formatDuration(Number(v))
    default:
      return String(v)
  }
}

/** The box the logo is drawn into at the top of the first page, in points (it keeps its proportions). */
export const PDF_LOGO_FIT: readonly [number, number] = [170, 48]

/** The image type of a logo's bytes (the upload stores PNG; JPEG is drawn too), or null for neither. */
const imageType = (bytes: Buffer): "png" | "jpeg" | null =>
  bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    ? "png"
    : bytes[0] === 0xff && bytes[1] === 0xd8
      ? "jpeg"
      : null

/**
 * The head of every PDF, list exports' and reports' alike: the organisation's logo when it has one,
 * then its name.
 */
const letterhead = (doc: ExportDocument): Array<Record<string, unknown>> => {
  const type = doc.logo ? imageType(doc.logo) : null
  const logo =
    doc.logo && type !== null
      ? [
          {
            image: `data:image/${type};base64,${doc.logo.toString("base64")}`,
            fit: PDF_LOGO_FIT,
            margin: [0, 0, 0, 6],
          },
        ]
      : []
  return [...logo, { text: doc.orgName, style: "org" }]
}

/**
 * A document as a PDF: A4 landscape, the organisation's logo and name, the title, the notes (period,
 * filters, currency), and the table with a repeated header and a bold totals row; numbers right-aligned.
 */
export const renderPdf = async (doc: ExportDocument): Promise<Buffer> => {
  // A table with more columns than fit with cents (a category per column) shows whole units.
  const wholeMoney = doc.columns.length > 12
  const align = (kind: ColumnKind) =>
    kind === "text" || kind === "date" || kind === "datetime" ? "left" : "right"
  const line = (cells: ReadonlyArray<Cell>, bold: boolean): Array<Record<string, unknown>> =>
    doc.columns.map((c, i) => ({
      text: formatCell(doc.language, c.kind, cells[i] ?? null, wholeMoney),
      alignment: align(c.kind),
      bold,
    }))
  const body: Array<Array<Record<string, unknown>>> = [
    doc.columns.map((c) => ({ text: c.label, bold: true, alignment: align(c.kind), fillColor: "#eeeeee" })),
    ...doc.rows.map((r) => line(r, false)),
    ...(doc.totals === null ? [] : [line(doc.totals, true)]),
  ]
  const content: Array<Record<string, unknown>> = [
    ...letterhead(doc),
    { text: doc.title, style: "title" },
    ...doc.notes.map((n) => ({ text: n, style: "note" })),
    ...(wholeMoney ? [{ text: EXPORT_TEXTS[doc.language].rounded, style: "note" }] : []),
    {
      table: {
        headerRows: 1,
        widths: doc.columns.map((c) => (c.kind === "text" ? "*" : "auto")),
        body,
      },
      layout: {
        hLineWidth: (i: number) => (i === 1 ? 1 : 0.5),
        vLineWidth: () => 0,
        hLineColor: () => "#bbbbbb",
        paddingLeft: () => 2,
        paddingRight: () => 2,
      },
      margin: [0, 10, 0, 0],
    },
  ]
  // A wide table (a category per column) gets a smaller type, so every column fits the page's width.
  const columns = doc.columns.length
  const fontSize = columns <= 8 ? 9 : columns <= 12 ? 7.5 : columns <= 14 ? 6 : 5.5
  const definition: DocumentDefinition = {
    pageSize: "A4",
    pageOrientation: "landscape",
    pageMargins: [30, 30, 30, 30],
    info: { title: doc.title, creator: "FleetCore" },
    language: doc.language,
    defaultStyle: { font: "DejaVuSans", fontSize },
    styles: {
      org: { fontSize: 10, color: "#555555" },
      title: { fontSize: 16, bold: true, margin: [0, 2, 0, 4] },
      note: { fontSize: 9 },
    },
    footer: (page: number, pages: number) => ({
      text: `${page} / ${pages}`,
      alignment: "right",
      fontSize: 7,
      margin: [0, 0, 30, 0],
    }),
    content,
  }
  return (await loadPdfmake()).createPdf(definition).getBuffer()
}
