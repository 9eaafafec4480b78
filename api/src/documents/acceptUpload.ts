import { isSafeFilename, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { refuse } from "../http/refuse.js"
import { type DocumentMimeType, detectContent } from "./detectContent.js"
import { makeThumbnail } from "./makeThumbnail.js"
import type { UploadedFile } from "./readMultipart.js"

export interface AcceptedFile {
  readonly filename: string
  readonly bytes: Buffer
  readonly mime: DocumentMimeType
  readonly thumbnail: Buffer | null
}

/**
 * Checks one uploaded file before anything is stored: its name is kept only if it is a plain file
 * name (a path such as `../../etc/passwd`, a NUL or another control character is refused with 400,
 * not repaired), its content must be an allowed type (415), and an image gets its thumbnail.
 */
export const acceptUpload = async (file: UploadedFile): Promise<AcceptedFile> => {
  if (!isSafeFilename(file.filename)) {
    throw new HttpError(
      400,
      "FLEET_DOCUMENT_FILENAME_INVALID",
      `${JSON.stringify(file.filename.slice(0, 300))}: a file name must not contain a path, control characters or outer spaces`,
      "files",
    )
  }
  if (file.bytes.length === 0) {
    throw refuse(400, "FLEET_DOCUMENT_UPLOAD_INVALID", "files", reason("emptyFile", { file: file.filename }))
  }
  const mime = await detectContent(file.filename, file.bytes)
  return {
    filename: file.filename,
    bytes: file.bytes,
    mime,
    thumbnail: await makeThumbnail(file.filename, mime, file.bytes),
  }
}
