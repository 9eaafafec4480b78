import { DOCUMENT_MIME_TYPES } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { fileTypeFromBuffer } from "file-type"

export type DocumentMimeType = (typeof DOCUMENT_MIME_TYPES)[number]

const ALLOWED: ReadonlySet<string> = new Set(DOCUMENT_MIME_TYPES)

/**
 * The type of a file by its bytes (magic numbers, `file-type`), never by its name or the type the
 * client claimed; a type outside the allow-list (an EXE or HTML named `.pdf`, a text file) is a 415.
 */
export const detectContent = async (filename: string, bytes: Buffer): Promise<DocumentMimeType> => {
  const found = await fileTypeFromBuffer(bytes)
  // file-type names HEIC stills "image/heic" and HEIC sequences "image/heic-sequence".
  const mime = found?.mime === "image/heic-sequence" ? "image/heic" : found?.mime
  if (mime === undefined || !ALLOWED.has(mime)) {
    throw new HttpError(
      415,
      "FLEET_DOCUMENT_TYPE_REFUSED",
      `${filename}: its content is ${mime ?? "not a recognised type"}; allowed are JPEG, PNG, WebP, HEIC and PDF`,
      "files",
    )
  }
  return mime as DocumentMimeType
}
