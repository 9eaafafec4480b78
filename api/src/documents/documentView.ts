import type { Document } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import { sql } from "../db/sql.js"

/** Documents with every column an answer needs, and the storage keys the routes use. */
export const documentQuery = () =>
  sql
    .selectFrom("documents as d")
    .select([
      "d.id",
      "d.entity_type",
      "d.entity_id",
      "d.kind",
      "d.filename",
      "d.mime_type",
      "d.size_bytes",
      raw<string>`encode(d.sha256, 'hex')`.as("sha256"),
      raw<string | null>`to_char(d.expires_on, 'YYYY-MM-DD')`.as("expires_on"),
      "d.title",
      "d.number",
      raw<string | null>`to_char(d.issued_on, 'YYYY-MM-DD')`.as("issued_on"),
      "d.uploaded_by",
      "d.uploaded_at",
      "d.cover",
      "d.storage_key",
      "d.thumbnail_key",
    ])

export type DocumentRow = Awaited<ReturnType<ReturnType<typeof documentQuery>["executeTakeFirstOrThrow"]>>

export const downloadUrlOf = (id: string): string => `/api/v1/documents/${id}/content`
export const thumbnailUrlOf = (id: string): string => `/api/v1/documents/${id}/thumbnail`

export const toDocument = (r: DocumentRow): typeof Document.Encoded => ({
  id: r.id,
  entityType: r.entity_type,
  entityId: r.entity_id,
  kind: r.kind as (typeof Document.Encoded)["kind"],
  filename: r.filename,
  mimeType: r.mime_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  expiresOn: r.expires_on,
  title: r.title,
  number: r.number,
  issuedOn: r.issued_on,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at.toISOString(),
  cover: r.cover,
  downloadUrl: downloadUrlOf(r.id),
  thumbnailUrl: r.thumbnail_key === null ? null : thumbnailUrlOf(r.id),
})

/** What the audit log keeps of a document (never the storage keys' bytes). */
export const auditedDocument = (d: typeof Document.Encoded) => ({
  entityType: d.entityType,
  entityId: d.entityId,
  kind: d.kind,
  filename: d.filename,
  mimeType: d.mimeType,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  expiresOn: d.expiresOn,
  title: d.title,
  number: d.number,
  issuedOn: d.issuedOn,
  cover: d.cover,
})
