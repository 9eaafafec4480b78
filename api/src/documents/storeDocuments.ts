import { createHash, randomUUID } from "node:crypto"
import type { Document, DocumentEntityType, DocumentKind } from "@fleetcore/contract"
import type { DocumentStore, Log, PostgresClient, Request } from "@fleetcore/platform"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"
import type { AcceptedFile } from "./acceptUpload.js"
import { auditedDocument, type DocumentRow, documentQuery, toDocument } from "./documentView.js"

/** A file put in the store, before its row is written. */
export interface PutFile {
  readonly id: string
  readonly file: AcceptedFile
  readonly storageKey: string
  readonly thumbnailKey: string | null
}

/**
 * Puts accepted files (and their thumbnails) in the store under keys of ours (`prefix` + a fresh
 * id, never the client's file name). `discard` removes them again, for when their rows are not
 * written; a file that could not be put discards those put before it.
 */
export const putFiles = async (
  deps: { readonly documents: DocumentStore; readonly log: Log },
  prefix: string,
  accepted: ReadonlyArray<AcceptedFile>,
): Promise<{ readonly files: ReadonlyArray<PutFile>; readonly discard: () => Promise<void> }> => {
  const stored: string[] = []
  const discard = async () => {
    await Promise.all(
      stored.map((key) =>
        deps.documents
          .delete(key)
          .catch((e: unknown) => deps.log.error({ err: e, key }, "cannot remove an orphan upload")),
      ),
    )
  }
  const files: PutFile[] = []
  try {
    for (const file of accepted) {
      const id = randomUUID()
      const storageKey = `${prefix}/${id}`
      await deps.documents.put(storageKey, file.bytes, file.mime)
      stored.push(storageKey)
      let thumbnailKey: string | null = null
      if (file.thumbnail !== null) {
        thumbnailKey = `${storageKey}.thumb.webp`
        await deps.documents.put(thumbnailKey, file.thumbnail, "image/webp")
        stored.push(thumbnailKey)
      }
      files.push({ id, file, storageKey, thumbnailKey })
    }
  } catch (error) {
    await discard()
    throw error
  }
  return { files, discard }
}

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
    /** What is written on the document, the same for every file; checked by the caller. */
    readonly title?: string | null
    readonly number?: string | null
    readonly issuedOn?: string | null
  },
  accepted: ReadonlyArray<AcceptedFile>,
): Promise<ReadonlyArray<typeof Document.Encoded>> => {
  const { db } = deps
  const put = await putFiles(deps, p.orgId, accepted)
  try {
    const prepared = put.files
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
            title: target.title ?? null,
            number: target.number ?? null,
            issued_on: target.issuedOn ?? null,
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
    await put.discard()
    throw error
  }
}
