import { MAX_OCR_PIXELS, OCR_MIME_TYPES } from "@fleetcore/contract"
import { fileTypeFromBuffer } from "file-type"
import { OcrImageRefused } from "./OcrProvider.js"

const ALLOWED: ReadonlySet<string> = new Set(OCR_MIME_TYPES)

/** The most a photo is kept at once decoded: wider than any reading width. */
const DECODED_WIDTH = 2400

/**
 * Local threshold: a pixel is ink when it is darker (or, for light text, lighter) than the mean
 * of its neighbourhood (a Gaussian of σ 10 px) by more than 40 grey levels. Smooth shading and
 * soft shapes behind the text fall below the margin; print and stamped letters do not.
 */
const NEIGHBOURHOOD_SIGMA = 10
const INK_MARGIN = 40

/** Which text a binary image keeps: dark on light (print, plates) or light on dark (odometers). */
export type Polarity = "dark" | "light"

/** A photo decoded once, to be binarised for a polarity at a reading width (8-bit grey PNG). */
export interface PreparedImage {
  readonly binary: (polarity: Polarity, width: number) => Promise<Buffer>
}

/**
 * A photo checked and made ready to read: type by its bytes (JPEG, PNG or WebP), at most
 * `MAX_OCR_PIXELS` read from the header before anything is decoded, then turned upright (EXIF),
 * flattened on white, grey, scaled to the kind's `READ_WIDTH` (a long receipt: to twice that high), stretched to full contrast and binarised with
 * a local threshold for the polarity asked.
 */
export const prepareOcrImage = async (bytes: Buffer): Promise<PreparedImage> => {
  const { default: sharp } = await import("sharp")
  const found = await fileTypeFromBuffer(bytes)
  if (found === undefined || !ALLOWED.has(found.mime)) {
    throw new OcrImageRefused({
      reason: "type",
      message: `the file's content is ${found?.mime ?? "not a recognised type"}; a photo is a JPEG, PNG or WebP`,
    })
  }
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((cause: unknown) => {
      throw new OcrImageRefused({ reason: "type", message: "the image's header cannot be read", cause })
    })
  const width = meta.width ?? 0
  const height = meta.height ?? 0
  if (width * height > MAX_OCR_PIXELS) {
    throw new OcrImageRefused({
      reason: "pixels",
      message: `the image is ${width} × ${height} = ${width * height} pixels; at most ${MAX_OCR_PIXELS}`,
    })
  }
  try {
    const grey = await sharp(bytes, { limitInputPixels: MAX_OCR_PIXELS })
      .rotate()
      .flatten({ background: "#ffffff" })
      .grayscale()
      .resize({ width: DECODED_WIDTH, height: 2 * DECODED_WIDTH, fit: "inside", withoutEnlargement: true })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true })
    const decoded = { width: grey.info.width, height: grey.info.height, channels: 1 } as const
    const scaled = new Map<number, Promise<{ data: Buffer; mean: Buffer; width: number; height: number }>>()
    const scale = (width: number) => {
      let found = scaled.get(width)
      if (found === undefined) {
        found = (async () => {
          const { data, info } = await sharp(grey.data, { raw: decoded })
            .resize({ width, height: 2 * width, fit: "inside", kernel: "lanczos3" })
            .normalise()
            .extractChannel(0)
            .raw()
            .toBuffer({ resolveWithObject: true })
          const raw = { width: info.width, height: info.height, channels: 1 } as const
          const mean = await sharp(data, { raw }).blur(NEIGHBOURHOOD_SIGMA).extractChannel(0).raw().toBuffer()
          return { data, mean, width: info.width, height: info.height }
        })()
        scaled.set(width, found)
      }
      return found
    }
    return {
      binary: async (polarity, width) => {
        const { data, mean, ...size } = await scale(width)
        const out = Buffer.alloc(data.length)
        for (let i = 0; i < data.length; i++) {
          const v = data[i] as number
          const m = mean[i] as number
          out[i] = (polarity === "dark" ? v < m - INK_MARGIN : v > m + INK_MARGIN) ? 0 : 255
        }
        return sharp(out, { raw: { ...size, channels: 1 } })
          .png({ compressionLevel: 1 })
          .toBuffer()
      },
    }
  } catch (cause) {
    throw new OcrImageRefused({
      reason: "type",
      message: `not a readable image (${cause instanceof Error ? cause.message : "cannot decode"})`,
      cause,
    })
  }
}
