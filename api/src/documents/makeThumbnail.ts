import { HttpError } from "@fleetcore/platform"
import type { DocumentMimeType } from "./detectContent.js"

/** The longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320
/** The most pixels an uploaded image may have (a decompression bomb is refused, not decoded). */
const MAX_INPUT_PIXELS = 50_000_000

/**
 * A WebP thumbnail of an image (at most 320 × 320, turned upright by its EXIF orientation), or null
 * for a PDF. A JPEG, PNG or WebP whose bytes start right but do not decode is refused (415): it is
 * not the image it claims to be. HEIC thumbnails are best effort: sharp's prebuilt libvips decodes
 * AVIF but not HEVC, so a HEIC photo is stored without one.
 */
export const makeThumbnail = async (
  filename: string,
  mime: DocumentMimeType,
  bytes: Buffer,
): Promise<Buffer | null> => {
  if (mime === "application/pdf") return null
  // sharp (and libvips) are loaded with the first image, not at start.
  const { default: sharp } = await import("sharp")
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer()
  } catch (error) {
    if (mime === "image/heic") return null
    throw new HttpError(
      415,
      "FLEET_DOCUMENT_TYPE_REFUSED",
      `${filename}: not a readable image (${error instanceof Error ? error.message : "cannot decode"})`,
      "files",
    )
  }
}
