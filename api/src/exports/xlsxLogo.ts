/** The box the logo is drawn into at the top right of the sheet, in pixels (it keeps its proportions). */
export const XLSX_LOGO_FIT = { width: 170, height: 48 } as const

/** English Metric Units per pixel (drawing sizes in OOXML are in EMU). */
const EMU = 9525

const DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
const IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
const SHEET = "xl/worksheets/sheet1.xml"
const SHEET_RELS = "xl/worksheets/_rels/sheet1.xml.rels"

const relationship = (id: string, type: string, target: string) =>
  `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`

/** The drawing that places the picture `rId1` with its top-left corner at `column` of the first row. */
const drawingXml = (column: number, width: number, height: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><xdr:oneCellAnchor><xdr:from><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${width * EMU}" cy="${height * EMU}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Logo" descr="Logo"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>`

/**
 * The logo's file extension and its size inside `XLSX_LOGO_FIT`, keeping its proportions (never
 * enlarged); null for bytes that are neither a PNG nor a JPEG.
 */
const fitted = async (logo: Buffer) => {
  const { default: sharp } = await import("sharp")
  const {
    width = 1,
    height = 1,
    format,
  } = await sharp(logo)
    .metadata()
    .catch(() => ({ width: 1, height: 1, format: undefined }))
  if (format !== "png" && format !== "jpeg") return null
  const scale = Math.min(XLSX_LOGO_FIT.width / width, XLSX_LOGO_FIT.height / height, 1)
  return {
    extension: format,
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}

/**
 * The workbook with the organisation's logo (a PNG, or a JPEG) drawn over the first rows at `column` (0-based).
 * exceljs' streaming writer cannot anchor pictures, so the picture, its drawing and their
 * relationships are added to the finished package; the rows are not touched. Bytes that are not
 * an image are left out rather than breaking the file.
 */
export const withXlsxLogo = async (xlsx: Buffer, logo: Buffer, column: number): Promise<Buffer> => {
  const size = await fitted(logo)
  const { default: JSZip } = await import("jszip")
  const zip = await JSZip.loadAsync(xlsx)
  const sheet = await zip.file(SHEET)?.async("string")
  const types = await zip.file("[Content_Types].xml")?.async("string")
  if (size === null || sheet === undefined || types === undefined) return xlsx
  const { extension, width, height } = size
  const media = `logo.${extension}`
  zip.file(`xl/media/${media}`, logo)
  zip.file("xl/drawings/drawing1.xml", drawingXml(column, width, height))
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${relationship("rId1", IMAGE_REL, `../media/${media}`)}</Relationships>`,
  )
  const logoRel = relationship("rIdLogo", DRAWING_REL, "../drawings/drawing1.xml")
  const rels = await zip.file(SHEET_RELS)?.async("string")
  zip.file(
    SHEET_RELS,
    rels === undefined
      ? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${logoRel}</Relationships>`
      : rels.replace("</Relationships>", `${logoRel}</Relationships>`),
  )
  // <drawing> comes after the page setup and before legacy drawings, pictures and tables.
  const before = sheet.search(
    /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|tableParts|extLst)\b|<\/worksheet>/u,
  )
  zip.file(SHEET, `${sheet.slice(0, before)}<drawing r:id="rIdLogo"/>${sheet.slice(before)}`)
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `${new RegExp(`Extension="${extension}"`, "iu").test(types) ? "" : `<Default Extension="${extension}" ContentType="image/${extension}"/>`}<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
    ),
  )
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" })
}
