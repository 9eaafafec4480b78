import { DocumentUploadFields, endpoints, type ListedDocument, reason } from "@fleetcore/contract"
import { type DocumentStore, HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import contentDisposition from "content-disposition"
import { sql as raw } from "kysely"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { callerOrgToday } from "../contracts/orgToday.js"
import { listPage, sortOf } from "../db/listPage.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { withNames } from "../exports/itemNames.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { visibleVehicles } from "../vehicles/visibleVehicle.js"
import { acceptUpload } from "./acceptUpload.js"
import { entityVisible, existingTables, visibleDocuments } from "./documentEntities.js"
import {
  auditedDocument,
  type DocumentRow,
  documentQuery,
  thumbnailUrlOf,
  toDocument,
} from "./documentView.js"
import { readMultipart } from "./readMultipart.js"
import { storeDocuments } from "./storeDocuments.js"

export interface DocumentRouteDeps extends Pick<RouteDeps, "db" | "tokens" | "log"> {
  readonly documents: DocumentStore
  readonly checkResponses?: boolean
}

/** How long a presigned S3 download URL stays valid. */
const PRESIGNED_TTL_S = 300

const notFound = () => new HttpError(404, "FLEET_DOCUMENT_NOT_FOUND", "no such document")

/** A document the caller may see (404 otherwise); `c` is a `withOrg` connection. */
const visibleDocument = async (c: pg.ClientBase, p: Principal, id: string): Promise<DocumentRow> => {
  const existing = await existingTables(c)
  const row = await firstRow(
    c,
    documentQuery()
      .where("d.id", "=", id)
      .where(visibleDocuments(p, "d", existing)),
  )
  if (row === undefined) throw notFound()
  return row
}

const readAll = async (stream: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks)
}

/**
 * A document's bytes as an answer: with S3 storage a 302 to a presigned URL valid for 5 minutes,
 * else the bytes (at most 10 MB), as an attachment or `inline`. The download route and the
 * moderators' view of a centre's documents both answer with it.
 */
export const documentContent = async (
  store: DocumentStore,
  log: RouteDeps["log"],
  row: Pick<DocumentRow, "id" | "filename" | "mime_type" | "storage_key">,
  inline: boolean,
) => {
  const disposition = contentDisposition(row.filename, { type: inline ? "inline" : "attachment" })
  const url = await store.presignedUrl(row.storage_key, {
    contentDisposition: disposition,
    contentType: row.mime_type,
    expiresInS: PRESIGNED_TTL_S,
  })
  if (url !== null) return { status: 302 as const, headers: { location: url, "cache-control": "no-store" } }
  const found = await store.get(row.storage_key)
  if (found === null) {
    log.error({ document: row.id, key: row.storage_key }, "a document's bytes are missing from the store")
    throw notFound()
  }
  return {
    headers: {
      "content-type": row.mime_type,
      "content-disposition": disposition,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-cache",
    },
    body: await readAll(found.body),
  }
}

/** A document does not expire before the day it was issued (`code`: the upload's or the edit's). */
const checkDates = (issuedOn: string | null, expiresOn: string | null, code: string): void => {
  if (issuedOn !== null && expiresOn !== null && expiresOn < issuedOn)
    throw refuse(400, code, "expiresOn", reason("beforeIssued"))
}

/**
 * Documents attached to records: upload (multipart, checked by content, thumbnails for images),
 * lists, details, download (the API streams local files; S3 answers a presigned redirect),
 * thumbnail, edit, delete (the bytes too) and a vehicle's cover photo.
 */
export const registerDocumentRoutes = (app: TemplatedApp, deps: DocumentRouteDeps): void => {
  const { db, documents: store, log } = deps

  serve(app, deps, endpoints.documents.upload, async ({ principal: p, request }) => {
    const form = await readMultipart(
      request,
      endpoints.documents.upload.multipart,
      DocumentUploadFields,
      "FLEET_DOCUMENT_UPLOAD_INVALID",
    )
    const { entityType, entityId, kind, expiresOn, title, number, issuedOn } = form.fields
    checkDates(issuedOn ?? null, expiresOn ?? null, "FLEET_DOCUMENT_UPLOAD_INVALID")
    const visible = await db.withOrg(p.orgId, (c) => entityVisible(c, p, entityType, entityId))
    if (!visible) {
      throw new HttpError(404, "FLEET_DOCUMENT_ENTITY_NOT_FOUND", `no such ${entityType}`, "entityId")
    }
    // Every file is checked (name, content, thumbnail) before any byte is stored: all or nothing.
    const accepted = await Promise.all(form.files.map((f) => acceptUpload(f)))
    const items = await storeDocuments(
      deps,
      p,
      request,
      {
        entityType,
        entityId,
        kind,
        expiresOn: expiresOn ?? null,
        title: title ?? null,
        number: number ?? null,
        issuedOn: issuedOn ?? null,
      },
      accepted,
    )
    return { body: { items: [...items] } }
  })

  serve(app, deps, endpoints.documents.list, async ({ principal: p, query: f }) => {
    const page = await db.withOrg(p.orgId, async (c) => {
      const existing = await existingTables(c)
      const sort = sortOf(
        f.sort,
        {
          uploadedAt: "d.uploaded_at",
          filename: "d.filename",
          expiresOn: "d.expires_on",
          sizeBytes: "d.size_bytes",
          kind: "d.kind",
        } as const,
        { column: "d.uploaded_at", direction: "desc" },
      )
      let query = documentQuery()
        .where(visibleDocuments(p, "d", existing))
        .orderBy(sort.column, (ob) =>
          sort.direction === "asc" ? ob.asc().nullsLast() : ob.desc().nullsLast(),
        )
        .orderBy("d.id")
      if (f.entityType) query = query.where("d.entity_type", "=", f.entityType)
      if (f.entityId) query = query.where("d.entity_id", "=", f.entityId)
      if (f.kind) query = query.where("d.kind", "=", f.kind)
      if (f.expiringWithinDays !== undefined) {
        query = query
          .where("d.expires_on", "is not", null)
          .where(raw<boolean>`d.expires_on <= ${callerOrgToday()} + ${Number(f.expiringWithinDays)}::int`)
      }
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, "\\$&")}%`
        query = query.where((eb) =>
          eb.or([
            eb("d.filename", "ilike", like),
            eb("d.title", "ilike", like),
            eb("d.number", "ilike", like),
          ]),
        )
      }
      const listed = await listPage(c, query, f)
      // Each with the name of its record (a vehicle's name and plate, a driver's name…).
      const named = await withNames(c, listed.items.map(toDocument))
      return { ...listed, items: named as ReadonlyArray<typeof ListedDocument.Type> }
    })
    return { body: page }
  })

  serve(app, deps, endpoints.documents.get, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) => visibleDocument(c, p, params.id))
    return { body: toDocument(row) }
  })

  serve(app, deps, endpoints.documents.download, async ({ principal: p, params, query }) => {
    const row = await db.withOrg(p.orgId, (c) => visibleDocument(c, p, params.id))
    return documentContent(store, log, row, query.inline === "true")
  })

  serve(app, deps, endpoints.documents.thumbnail, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, (c) => visibleDocument(c, p, params.id))
    if (row.thumbnail_key === null) {
      throw new HttpError(404, "FLEET_DOCUMENT_NO_THUMBNAIL", "this document has no thumbnail")
    }
    const found = await store.get(row.thumbnail_key)
    if (found === null) throw new HttpError(404, "FLEET_DOCUMENT_NO_THUMBNAIL", "the thumbnail is missing")
    return {
      headers: {
        "content-type": "image/webp",
        "x-content-type-options": "nosniff",
        // A thumbnail never changes under its document's id.
        "cache-control": "private, max-age=86400, immutable",
      },
      body: await readAll(found.body),
    }
  })

  serve(app, deps, endpoints.documents.update, async ({ principal: p, params, body, request }) => {
    const document = await db.withOrg(p.orgId, async (c) => {
      const before = toDocument(await visibleDocument(c, p, params.id))
      const changes = {
        ...(body.kind === undefined ? {} : { kind: body.kind }),
        ...(body.filename === undefined ? {} : { filename: body.filename }),
        ...(body.expiresOn === undefined ? {} : { expires_on: body.expiresOn }),
        ...(body.title === undefined ? {} : { title: body.title }),
        ...(body.number === undefined ? {} : { number: body.number }),
        ...(body.issuedOn === undefined ? {} : { issued_on: body.issuedOn }),
      }
      checkDates(
        body.issuedOn === undefined ? before.issuedOn : body.issuedOn,
        body.expiresOn === undefined ? before.expiresOn : body.expiresOn,
        "FLEET_DOCUMENT_INVALID",
      )
      if (Object.keys(changes).length === 0) return before
      // A cover stays a photo: changing its kind ends its cover role.
      const cover = body.kind !== undefined && body.kind !== "photo" ? { cover: false } : {}
      await rows(
        c,
        sql
          .updateTable("documents")
          .set({ ...changes, ...cover })
          .where("id", "=", params.id),
      )
      const after = toDocument(
        (await firstRow(c, documentQuery().where("d.id", "=", params.id))) as DocumentRow,
      )
      await audit(c, p, request, {
        action: "document.update",
        entity: "document",
        entityId: params.id,
        oldValues: auditedDocument(before),
        newValues: auditedDocument(after),
      })
      return after
    })
    return { body: document }
  })

  serve(app, deps, endpoints.documents.delete, async ({ principal: p, params, request }) => {
    const row = await db.withOrg(p.orgId, async (c) => {
      const found = await visibleDocument(c, p, params.id)
      await rows(c, sql.deleteFrom("documents").where("id", "=", params.id))
      await audit(c, p, request, {
        action: "document.delete",
        entity: "document",
        entityId: params.id,
        oldValues: auditedDocument(toDocument(found)),
      })
      return found
    })
    // After the commit: a failed delete of the row keeps the bytes; bytes left by a failure here
    // are orphans (logged), never a row without its bytes.
    for (const key of [row.storage_key, row.thumbnail_key]) {
      if (key === null) continue
      await store
        .delete(key)
        .catch((error: unknown) => log.error({ err: error, key }, "cannot delete a document's bytes"))
    }
    return {}
  })

  serve(app, deps, endpoints.documents.setCover, async ({ principal: p, params, request }) => {
    const document = await db.withOrg(p.orgId, async (c) => {
      const found = await visibleDocument(c, p, params.id)
      if (found.entity_type !== "vehicle" || found.kind !== "photo" || found.thumbnail_key === null) {
        throw new HttpError(
          409,
          "FLEET_DOCUMENT_NOT_A_PHOTO",
          "only an image photo of a vehicle can be its cover",
        )
      }
      if (found.cover) return toDocument(found)
      await rows(
        c,
        sql
          .updateTable("documents")
          .set({ cover: false })
          .where("entity_type", "=", "vehicle")
          .where("entity_id", "=", found.entity_id)
          .where("cover", "=", true),
      )
      await rows(c, sql.updateTable("documents").set({ cover: true }).where("id", "=", params.id))
      const after = toDocument(
        (await firstRow(c, documentQuery().where("d.id", "=", params.id))) as DocumentRow,
      )
      await audit(c, p, request, {
        action: "document.cover",
        entity: "document",
        entityId: params.id,
        oldValues: { cover: false },
        newValues: { cover: true, vehicleId: found.entity_id },
      })
      return after
    })
    return { body: document }
  })

  serve(app, deps, endpoints.documents.covers, async ({ principal: p }) => {
    // The chosen cover, else the newest photo with a thumbnail, of each vehicle the caller may see.
    const found = await db.withOrg(p.orgId, (c) =>
      rows(
        c,
        sql
          .selectFrom("documents as d")
          .select(["d.entity_id", "d.id"])
          .distinctOn("d.entity_id")
          .where("d.entity_type", "=", "vehicle")
          .where("d.kind", "=", "photo")
          .where("d.thumbnail_key", "is not", null)
          .where(visibleVehicles(p, "d.entity_id"))
          .orderBy("d.entity_id")
          .orderBy("d.cover", "desc")
          .orderBy("d.uploaded_at", "desc"),
      ),
    )
    return {
      body: {
        items: found.map((r) => ({
          vehicleId: r.entity_id,
          documentId: r.id,
          thumbnailUrl: thumbnailUrlOf(r.id),
        })),
      },
    }
  })
}
