export interface DemoImage {
  readonly jpeg: Buffer
  readonly thumbnail: Buffer
}

const PALETTE: ReadonlyArray<readonly [number, number, number]> = [
  [230, 232, 235],
  [32, 34, 38],
  [170, 176, 184],
  [40, 80, 160],
  [180, 40, 40],
  [200, 180, 140],
]

/**
 * A few distinct small photos of a "vehicle" (a body, windows and wheels in the colour of the
 * palette entry over a sky and a road), with their WebP thumbnails as uploads get them.
 */
export const makeDemoImages = async (): Promise<ReadonlyArray<DemoImage>> => {
  const { default: sharp } = await import("sharp")
  return Promise.all(
    PALETTE.map(async ([r, g, b], i) => {
      const body = `rgb(${r},${g},${b})`
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400">
  <rect width="640" height="260" fill="rgb(${150 + i * 10},${190 - i * 5},230)"/>
  <rect y="260" width="640" height="140" fill="rgb(90,90,95)"/>
  <rect x="${90 + i * 6}" y="170" width="460" height="110" rx="26" fill="${body}" stroke="#111" stroke-width="3"/>
  <rect x="${170 + i * 6}" y="110" width="280" height="80" rx="20" fill="${body}" stroke="#111" stroke-width="3"/>
  <rect x="${190 + i * 6}" y="122" width="110" height="56" rx="8" fill="#9cc3e6"/>
  <rect x="${312 + i * 6}" y="122" width="120" height="56" rx="8" fill="#9cc3e6"/>
  <circle cx="${180 + i * 6}" cy="285" r="42" fill="#1b1b1b"/><circle cx="${460 + i * 6}" cy="285" r="42" fill="#1b1b1b"/>
  <circle cx="${180 + i * 6}" cy="285" r="16" fill="#bbb"/><circle cx="${460 + i * 6}" cy="285" r="16" fill="#bbb"/>
</svg>`
      const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer()
      const thumbnail = await sharp(jpeg).resize(320, 320, { fit: "inside" }).webp({ quality: 78 }).toBuffer()
      return { jpeg, thumbnail }
    }),
  )
}

/** Escapes a PDF literal string. */
const pdfText = (text: string): string => text.replace(/[\\()]/gu, (c) => `\\${c}`)

/**
 * A minimal valid one-page PDF (A4, Helvetica) with the given lines, its cross-reference table at
 * the offsets it states, so viewers open it without repairing it.
 */
export const makeDemoPdf = (lines: ReadonlyArray<string>): Buffer => {
  const content = `BT /F1 14 Tf 56 780 Td 18 TL ${lines.map((l) => `(${pdfText(l)}) Tj T*`).join(" ")} ET`
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]
  let out = "%PDF-1.4\n"
  const offsets: number[] = []
  for (const [i, body] of objects.entries()) {
    offsets.push(Buffer.byteLength(out, "latin1"))
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  }
  const xref = Buffer.byteLength(out, "latin1")
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, "latin1")
}
