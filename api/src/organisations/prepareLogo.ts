import { LOGO_BOX, LOGO_MIME_TYPES } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { fileTypeFromBuffer } from "file-type"

/** The most pixels an uploaded logo may have (a decompression bomb is refused, not decoded). */
const MAX_INPUT_PIXELS = 25_000_000

const ALLOWED: ReadonlySet<string> = new Set(LOGO_MIME_TYPES)

const refused = (message: string) => new HttpError(415, "FLEET_LOGO_TYPE_REFUSED", message, "file")

/** A logo ready to store: a PNG shrunk into `LOGO_BOX`, and its size in pixels. */
export interface PreparedLogo {
  readonly png: Buffer
  readonly width: number
  readonly height: number
}

/**
 * An uploaded logo checked and made ready to store: its type recognised by its bytes (`file-type`,
 * as documents are), PNG or JPEG only (415 otherwise, an SVG or a GIF included), decoded and
 * shrunk into `LOGO_BOX` with sharp (the library of the documents' thumbnails), turned upright by
 * its EXIF orientation, and written as PNG (transparency kept). Bytes that start right but do not
 * decode are refused too (415).
 */
export const prepareLogo = async (bytes: Buffer): Promise<PreparedLogo> => {
  const found = await fileTypeFromBuffer(bytes)
  if (found === undefined || !ALLOWED.has(found.mime))
    throw refused(`the file's content is ${found?.mime ?? "not a recognised type"}; a logo is a PNG or JPEG`)
  const { default: sharp } = await import("sharp")
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(LOGO_BOX.width, LOGO_BOX.height, { fit: "inside", withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true })
    return { png: data, width: info.width, height: info.height }
  } catch (error) {
    throw refused(`not a readable image (${error instanceof Error ? error.message : "cannot decode"})`)
  }
}
