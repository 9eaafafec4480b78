import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { IsoDate, IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

/** The records a document may belong to (the `documents.entity_type` check). */
export const DOCUMENT_ENTITY_TYPES = [
  "vehicle",
  "driver",
  "maintenance",
  "contract",
  "expense",
  "penalty",
  "task",
  "ticket",
  "service_centre",
] as const
export const DocumentEntityType = Schema.Literals(DOCUMENT_ENTITY_TYPES)
export type DocumentEntityType = typeof DocumentEntityType.Type

/** What a document is (the `documents.kind` check). */
export const DOCUMENT_KINDS = [
  "photo",
  "scan",
  "invoice",
  "receipt",
  "act",
  "contract",
  "licence",
  "medical",
  "insurance",
  "registration",
  "other",
] as const
export const DocumentKind = Schema.Literals(DOCUMENT_KINDS)
export type DocumentKind = typeof DocumentKind.Type

/** What an upload may contain, recognised by its bytes (magic numbers), never by its name. */
export const DOCUMENT_MIME_TYPES = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/heic",
  "application/pdf",
] as const

/** The largest file accepted. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
/** The most files one upload may carry. */
export const MAX_DOCUMENT_FILES = 10

/**
 * Whether a file name is kept as it is: 1 to 255 characters, no path (`/`, `\`), no control
 * character (NUL included), not `.` or `..`, no leading or trailing space. A name that is not is
 * refused (400 FLEET_DOCUMENT_FILENAME_INVALID), never "repaired": the name is only a label, the
 * storage key never derives from it.
 */
export const isSafeFilename = (name: string): boolean =>
  name.length >= 1 &&
  name.length <= 255 &&
  name.trim() === name &&
  name !== "." &&
  name !== ".." &&
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  !/[/\\\u0000-\u001f\u007f]/u.test(name)

export const DocumentFilename = Schema.String.check(
  Schema.makeFilter<string>((s) => isSafeFilename(s), explained("filename")),
)

export const Document = Schema.Struct({
  id: Uuid,
  entityType: DocumentEntityType,
  entityId: Uuid,
  kind: DocumentKind,
  filename: Schema.String,
  mimeType: Schema.String,
  sizeBytes: Schema.Int,
  /** Hex SHA-256 of the bytes. */
  sha256: Schema.String,
  expiresOn: Schema.NullOr(IsoDate),
  /** What is written on it (seed 003 step 4.4): a title, its number, the day it was issued. */
  title: Schema.NullOr(Schema.String),
  number: Schema.NullOr(Schema.String),
  issuedOn: Schema.NullOr(IsoDate),
  uploadedBy: Schema.NullOr(Uuid),
  uploadedAt: IsoDateTime,
  /** The vehicle's cover photo (vehicle photos only). */
  cover: Schema.Boolean,
  /** Relative URL of the bytes (`?inline=true` to show rather than save). */
  downloadUrl: Schema.String,
  /** Relative URL of a 320 px WebP thumbnail (images), else null. */
  thumbnailUrl: Schema.NullOr(Schema.String),
}).annotate({ identifier: "Document" })

/** A document in the list: with the name of the record it belongs to (null when that is gone). */
export const ListedDocument = Schema.Struct({
  ...Document.fields,
  entityName: Schema.NullOr(Schema.String),
}).annotate({ identifier: "ListedDocument" })

const DocumentTitle = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200))
const DocumentNumber = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(100))

/** The text fields of an upload form; the issue day is on or before the expiry (checked by the server). */
export const DocumentUploadFields = Schema.Struct({
  entityType: DocumentEntityType,
  entityId: Uuid,
  kind: DocumentKind,
  expiresOn: Schema.optionalKey(IsoDate),
  title: Schema.optionalKey(DocumentTitle),
  number: Schema.optionalKey(DocumentNumber),
  issuedOn: Schema.optionalKey(IsoDate),
})

const notFound = { status: 404, code: "FLEET_DOCUMENT_NOT_FOUND" }
const DayCount = Schema.String.check(Schema.isPattern(/^\d{1,4}$/u, explained("days", { max: 9999 })))

/** Documents attached to records (seed 000 §9): uploads, thumbnails, downloads, expiry. */
export const documents = {
  upload: endpoint({
    id: "documents.upload",
    method: "post",
    path: "/api/v1/documents",
    tag: "documents",
    summary: "Upload documents to a record (a driver: their vehicles', their own and their penalties')",
    description: `A multipart/form-data form: entityType, entityId, kind, expiresOn, title, number and issuedOn (optional; the same for every file) and 1 to ${MAX_DOCUMENT_FILES} parts named files, each at most 10 MB, recognised by content as JPEG, PNG, WebP, HEIC or PDF. All or nothing: one refused file refuses the upload and nothing is stored. Images get a 320 px WebP thumbnail.`,
    access: "documents.upload",
    multipart: {
      fields: DocumentUploadFields,
      filesField: "files",
      maxFiles: MAX_DOCUMENT_FILES,
      maxFileBytes: MAX_DOCUMENT_BYTES,
    },
    // Every file at its limit, plus the form's own bytes.
    bodyLimit: MAX_DOCUMENT_FILES * MAX_DOCUMENT_BYTES + 1024 * 1024,
    response: Schema.Struct({ items: Schema.Array(Document) }),
    status: 201,
    errors: [
      {
        status: 400,
        code: "FLEET_DOCUMENT_UPLOAD_INVALID",
        description: "not a form, a field is wrong, no file or too many",
      },
      {
        status: 400,
        code: "FLEET_DOCUMENT_FILENAME_INVALID",
        description: "a file name with a path or control characters",
      },
      {
        status: 404,
        code: "FLEET_DOCUMENT_ENTITY_NOT_FOUND",
        description: "no such record the caller may see",
      },
      { status: 413, code: "FLEET_DOCUMENT_TOO_LARGE", description: "a file is larger than 10 MB" },
      {
        status: 415,
        code: "FLEET_DOCUMENT_TYPE_REFUSED",
        description: "a file's content is not an allowed type",
      },
    ],
  }),
  list: endpoint({
    id: "documents.list",
    method: "get",
    path: "/api/v1/documents",
    tag: "documents",
    summary: "Documents, newest first: of one record (entityType + entityId) or of the organisation",
    description:
      "`q` searches file names, titles and numbers. `expiringWithinDays=N` keeps documents whose expiry date is at most N days from the organisation's today, expired ones included.",
    access: "documents.read",
    query: listQuery(["uploadedAt", "filename", "expiresOn", "sizeBytes", "kind"], {
      entityType: Schema.optionalKey(DocumentEntityType),
      entityId: Schema.optionalKey(Uuid),
      kind: Schema.optionalKey(DocumentKind),
      expiringWithinDays: Schema.optionalKey(DayCount),
    }),
    response: listOf(ListedDocument),
  }),
  get: endpoint({
    id: "documents.get",
    method: "get",
    path: "/api/v1/documents/:id",
    tag: "documents",
    summary: "A document's details",
    access: "documents.read",
    params: IdParams,
    response: Document,
    errors: [notFound],
  }),
  download: endpoint({
    id: "documents.download",
    method: "get",
    path: "/api/v1/documents/:id/content",
    tag: "documents",
    summary: "A document's bytes, with its stored type",
    description:
      "With local storage the bytes, as an attachment (`inline=true`: to show in the browser). With S3 storage a 302 to a presigned URL valid for 5 minutes.",
    access: "documents.read",
    params: IdParams,
    query: Schema.Struct({ inline: Schema.optionalKey(Schema.Literals(["true", "false"])) }),
    contentType: "application/octet-stream",
    errors: [notFound],
  }),
  thumbnail: endpoint({
    id: "documents.thumbnail",
    method: "get",
    path: "/api/v1/documents/:id/thumbnail",
    tag: "documents",
    summary: "An image document's thumbnail (WebP, 320 px)",
    access: "documents.read",
    params: IdParams,
    contentType: "image/webp",
    errors: [notFound, { status: 404, code: "FLEET_DOCUMENT_NO_THUMBNAIL" }],
  }),
  update: endpoint({
    id: "documents.update",
    method: "patch",
    path: "/api/v1/documents/:id",
    tag: "documents",
    summary: "Change a document's kind, title, number, issue and expiry dates or file name",
    access: "documents.manage",
    params: IdParams,
    body: Schema.Struct({
      kind: Schema.optionalKey(DocumentKind),
      expiresOn: Schema.optionalKey(Schema.NullOr(IsoDate)),
      filename: Schema.optionalKey(DocumentFilename),
      title: Schema.optionalKey(Schema.NullOr(DocumentTitle)),
      number: Schema.optionalKey(Schema.NullOr(DocumentNumber)),
      issuedOn: Schema.optionalKey(Schema.NullOr(IsoDate)),
    }),
    invalidCode: "FLEET_DOCUMENT_INVALID",
    response: Document,
    errors: [notFound],
  }),
  delete: endpoint({
    id: "documents.delete",
    method: "delete",
    path: "/api/v1/documents/:id",
    tag: "documents",
    summary: "Delete a document and its stored bytes",
    access: "documents.manage",
    params: IdParams,
    errors: [notFound],
  }),
  setCover: endpoint({
    id: "documents.setCover",
    method: "put",
    path: "/api/v1/documents/:id/cover",
    tag: "documents",
    summary: "Make a vehicle photo the vehicle's cover (the previous cover stops being one)",
    access: "documents.manage",
    params: IdParams,
    response: Document,
    errors: [
      notFound,
      { status: 409, code: "FLEET_DOCUMENT_NOT_A_PHOTO", description: "not an image photo of a vehicle" },
    ],
  }),
  covers: endpoint({
    id: "documents.covers",
    method: "get",
    path: "/api/v1/vehicle-covers",
    tag: "documents",
    summary: "The cover photo of every vehicle the caller may see that has one (for the card view)",
    access: "documents.read",
    response: Schema.Struct({
      items: Schema.Array(Schema.Struct({ vehicleId: Uuid, documentId: Uuid, thumbnailUrl: Schema.String })),
    }),
  }),
} as const
