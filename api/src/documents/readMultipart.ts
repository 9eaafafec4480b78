import type { Multipart } from "@fleetcore/contract"
import { type Reason, reason } from "@fleetcore/contract"
import { HttpError, type Request } from "@fleetcore/platform"
import busboy from "busboy"
import type { Schema } from "effect"
import { decodeOr400 } from "../http/decode.js"
import { refuse } from "../http/refuse.js"

/** One file part of a form, held in memory (at most the spec's `maxFileBytes`). */
export interface UploadedFile {
  /** The name the client sent, unchanged (paths included): the caller decides whether it is kept. */
  readonly filename: string
  readonly bytes: Buffer
}

export interface MultipartForm<F> {
  readonly fields: F
  readonly files: ReadonlyArray<UploadedFile>
}

/** The most text fields and parts a form may have beyond what the spec names. */
const MAX_FIELDS = 20
const MAX_FIELD_BYTES = 1024

/**
 * Parses a `multipart/form-data` body with busboy, against an endpoint's `Multipart` declaration:
 * text fields decoded with `fieldsSchema` (the declaration's `fields`, with its type) (400 `invalidCode`), 1 to `maxFiles` parts named
 * `filesField` (400), each at most `maxFileBytes` (413 FLEET_DOCUMENT_TOO_LARGE: busboy stops at
 * the limit, the part is dropped). Nothing is written anywhere: the caller stores what it accepts.
 */
export const readMultipart = async <S extends Schema.Decoder<unknown>>(
  request: Request,
  spec: Multipart | undefined,
  fieldsSchema: S,
  invalidCode: string,
): Promise<MultipartForm<S["Type"]>> => {
  if (spec === undefined) throw new Error("readMultipart: the endpoint declares no multipart body")
  const invalid = (field: string | null, why: Reason) => refuse(400, invalidCode, field, why)
  const contentType = request.headers.get("content-type") ?? ""
  if (!/^multipart\/form-data;/iu.test(contentType)) {
    throw invalid(null, reason("multipartNeeded"))
  }
  const raw: Record<string, string> = {}
  const files: Array<UploadedFile> = []
  await new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // Keep the client's name as sent, so a name with a path is seen (and refused), not trimmed.
        preservePath: true,
        // Browsers send file names as raw UTF-8 ("ОСАГО.pdf"), not RFC 2231-encoded.
        defParamCharset: "utf8",
        limits: {
          fileSize: spec.maxFileBytes,
          files: spec.maxFiles,
          fields: MAX_FIELDS,
          fieldSize: MAX_FIELD_BYTES,
          parts: spec.maxFiles + MAX_FIELDS,
        },
      })
    } catch {
      reject(invalid(null, reason("formUnreadable")))
      return
    }
    let failed = false
    const fail = (error: HttpError) => {
      if (failed) return
      failed = true
      reject(error)
    }
    parser.on("file", (name, stream, info) => {
      if (name !== spec.filesField) {
        stream.resume()
        return fail(invalid(name, reason("filesInPart", { name: spec.filesField })))
      }
      const chunks: Array<Buffer> = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("limit", () =>
        fail(
          new HttpError(
            413,
            "FLEET_DOCUMENT_TOO_LARGE",
            `${info.filename}: larger than ${spec.maxFileBytes} bytes`,
            spec.filesField,
          ),
        ),
      )
      stream.on("end", () => {
        files.push({ filename: info.filename ?? "", bytes: Buffer.concat(chunks) })
      })
    })
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated)
        return fail(
          invalid(
            name,
            reason("longerThan", { max: MAX_FIELD_BYTES, unit: { unit: "bytes", count: MAX_FIELD_BYTES } }),
          ),
        )
      if (Object.hasOwn(raw, name)) return fail(invalid(name, reason("sentTwice")))
      raw[name] = value
    })
    parser.on("filesLimit", () =>
      fail(
        invalid(
          spec.filesField,
          reason("filesPerUpload", { max: spec.maxFiles, unit: { unit: "files", count: spec.maxFiles } }),
        ),
      ),
    )
    parser.on("fieldsLimit", () => fail(invalid(null, reason("tooManyFields", { max: MAX_FIELDS }))))
    parser.on("partsLimit", () => fail(invalid(null, reason("tooManyParts"))))
    parser.on("error", () => fail(invalid(null, reason("formUnreadable"))))
    parser.on("close", () => {
      if (!failed) resolve()
    })
    parser.end(request.body)
  })
  const fields = decodeOr400(fieldsSchema, raw, invalidCode)
  if (files.length === 0) throw invalid(spec.filesField, reason("attachFile"))
  return { fields, files }
}
