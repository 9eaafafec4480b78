import { createHash, randomUUID } from "node:crypto"
import type { Document, DocumentEntityType, DocumentKind } from "@fleetcore/contract"
import type { DocumentStore, Log, PostgresClient, Request } from "@fleetcore/platform"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { AcceptedFile } from "./acceptUpload.js"
import { auditedDocument, type DocumentRow, documentQuery, toDocument } from "./documentView.js"

/**
 * Stores accepted files as documents of one record, each audited as `document.upload`: the bytes
 * (and thumbnails) first under keys of ours (organisation + a fresh id, never the client's file
 * name), then the rows in one transaction; if the rows are not written, the bytes go too. The
 * caller has checked that the record exists and that `p` may attach to it.
 */
export const storeDocuments = async (
  deps: { readonly db: PostgresClient; readonly documents: DocumentStore; readonly log: Log },
  p: Principal,
  request: Request,
  target: {
    readonly entityType: DocumentEntityType
    readonly entityId: string
    readonly kind: DocumentKind
    readonly expiresOn: string | null
  },
  accepted: ReadonlyArray<AcceptedFile>,
): Promise<ReadonlyArray<typeof Document.Encoded>> => {
  const { db, documents: store, log } = deps
  const stored: Array<string> = []
  try {
    const prepared: Array<{
      id: string
      file: AcceptedFile
      storageKey: string
      thumbnailKey: string | null
    }> = []
    for (const file of accepted) {
      const id = randomUUID()
      const storageKey = `${p.orgId}/${id}`
      await store.put(storageKey, file.bytes, file.mime)
      stored.push(storageKey)
      let thumbnailKey: string | null = null
      if (file.thumbnail !== null) {
        thumbnailKey = `${storageKey}.thumb.webp`
        await store.put(thumbnailKey, file.thumbnail, "image/webp")
        stored.push(thumbnailKey)
      }
      prepared.push({ id, file, storageKey, thumbnailKey })
    }
    return await db.withOrg(p.orgId, async (c) => {
      const out: Array<typeof Document.Encoded> = []
      for (const { id, file, storageKey, thumbnailKey } of prepared) {
        await rows(
          c,
          sql.insertInto("documents").values({
            id,
            org_id: p.orgId,
            entity_type: target.entityType,
            entity_id: target.entityId,
            kind: target.kind,
            filename: file.filename,
            mime_type: file.mime,
            size_bytes: file.bytes.length,
            sha256: createHash("sha256").update(file.bytes).digest(),
            storage_key: storageKey,
            thumbnail_key: thumbnailKey,
            expires_on: target.expiresOn,
            uploaded_by: p.userId,
          }),
        )
        const row = await firstRow(c, documentQuery().where("d.id", "=", id))
        const document = toDocument(row as DocumentRow)
        await audit(c, p, request, {
          action: "document.upload",
          entity: "document",
          entityId: id,
          newValues: auditedDocument(document),
        })
        out.push(document)
      }
      return out
    })
  } catch (error) {
    await Promise.all(
      stored.map((key) =>
        store.delete(key).catch((e: unknown) => log.error({ err: e, key }, "cannot remove an orphan upload")),
      ),
    )
    throw error
  }
}
