import { createHash } from "node:crypto"
import { endpoints, MAX_VISIT_PHOTOS } from "@fleetcore/contract"
import { type DocumentStore, HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { firstRow, rows, sql } from "../db/sql.js"
import { acceptUpload } from "../documents/acceptUpload.js"
import { documentContent } from "../documents/DocumentRoutes.js"
import { readMultipart } from "../documents/readMultipart.js"
import { putFiles } from "../documents/storeDocuments.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { requireServiceGrant } from "./centreAccess.js"
import { centreVisit, requireStatus } from "./VisitRoutes.js"
import { findVisit, visitDetail } from "./visitView.js"

const photoNotFound = () => new HttpError(404, "FLEET_VISIT_PHOTO_NOT_FOUND", "this visit has no such photo")

/**
 * Photos of a visit: the centre adds them while the visit is open (checked by content like every
 * upload, images only, with a thumbnail); both sides read them. They are never deleted.
 */
export const registerVisitPhotoRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log"> & { readonly documents: DocumentStore },
): void => {
  const { db, documents: store, log } = deps

  serve(app, deps, endpoints.visits.addPhotos, async ({ principal: p, params, request }) => {
    // Checked before anything is stored: the visit (an unknown one is a 404 whatever the body), then the form.
    const visit = await db.withOrg(p.orgId, async (c) => {
      const v = await centreVisit(c, p.orgId, params.id)
      requireStatus(v, ["open"], "changed")
      await requireServiceGrant(c, p.orgId, v.vehicle_id)
      return v
    })
    const form = await readMultipart(
      request,
      endpoints.visits.addPhotos.multipart,
      Schema.Struct({}),
      "FLEET_VISIT_PHOTOS_INVALID",
    )
    const accepted = await Promise.all(form.files.map((f) => acceptUpload(f)))
    const pdf = accepted.find((f) => f.mime === "application/pdf")
    if (pdf !== undefined) {
      throw new HttpError(
        415,
        "FLEET_VISIT_PHOTO_TYPE",
        `${pdf.filename}: a visit photo must be an image`,
        "files",
      )
    }
    const put = await putFiles(deps, `${visit.centre_org_id}/visit-photos`, accepted)
    const prepared = put.files
    try {
      const detail = await db.withOrg(p.orgId, async (c) => {
        // Under the visit's lock: two uploads at once cannot pass the limit together.
        const v = await findVisit(c, visit.id, true)
        requireStatus(v, ["open"], "changed")
        const kept = await firstRow(
          c,
          sql
            .selectFrom("service_visit_photos")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("visit_id", "=", v.id),
        )
        if (Number(kept?.n ?? 0) + prepared.length > MAX_VISIT_PHOTOS) {
          throw new HttpError(
            400,
            "FLEET_VISIT_PHOTOS_INVALID",
            `a visit keeps at most ${MAX_VISIT_PHOTOS} photos; it has ${kept?.n ?? 0}`,
            "files",
          )
        }
        for (const { id, file, storageKey, thumbnailKey } of prepared) {
          await rows(
            c,
            sql.insertInto("service_visit_photos").values({
              id,
              visit_id: v.id,
              org_id: v.org_id,
              centre_org_id: v.centre_org_id,
              filename: file.filename,
              mime_type: file.mime,
              size_bytes: file.bytes.length,
              sha256: createHash("sha256").update(file.bytes).digest(),
              storage_key: storageKey,
              thumbnail_key: thumbnailKey,
              uploaded_by: p.userId,
            }),
          )
        }
        await audit(c, p, request, {
          action: "service-visit.photos",
          entity: "service_visit",
          entityId: v.id,
          newValues: {
            photos: prepared.map((f) => ({
              id: f.id,
              filename: f.file.filename,
              bytes: f.file.bytes.length,
            })),
          },
        })
        return visitDetail(c, v.id, p.orgId)
      })
      return { status: 201, body: detail }
    } catch (error) {
      await put.discard()
      throw error
    }
  })

  serve(app, deps, endpoints.visits.photo, async ({ principal: p, params, query }) => {
    const photo = await db.withOrg(p.orgId, async (c) => {
      // The visit first: one the caller's organisation is on neither side of is a 404 (RLS).
      await findVisit(c, params.id)
      return firstRow(
        c,
        sql
          .selectFrom("service_visit_photos")
          .select(["id", "filename", "mime_type", "storage_key", "thumbnail_key"])
          .where("visit_id", "=", params.id)
          .where("id", "=", params.photoId),
      )
    })
    if (photo === undefined) throw photoNotFound()
    if (query.thumbnail === "true") {
      if (photo.thumbnail_key === null) throw photoNotFound()
      return documentContent(
        store,
        log,
        {
          id: photo.id,
          filename: "thumbnail.webp",
          mime_type: "image/webp",
          storage_key: photo.thumbnail_key,
        },
        true,
      )
    }
    return documentContent(store, log, photo, true)
  })
}
