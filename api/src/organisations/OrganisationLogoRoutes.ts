import { randomUUID } from "node:crypto"
import { endpoints, MAX_LOGO_BYTES } from "@fleetcore/contract"
import { type DocumentStore, HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { readMultipart } from "../documents/readMultipart.js"
import { readLogo } from "../exports/letterhead.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { prepareLogo } from "./prepareLogo.js"

export interface OrganisationLogoRouteDeps extends Pick<RouteDeps, "db" | "tokens" | "log"> {
  readonly documents: DocumentStore
  readonly checkResponses?: boolean
}

/** The logo's URL for the dashboard: a new upload is a new URL (its time), so no cache shows the old one. */
export const logoUrlOf = (updatedAt: Date | null): string =>
  `${endpoints.organisationLogo.get.path}?v=${updatedAt?.getTime() ?? 0}`

const noLogo = () => new HttpError(404, "FLEET_LOGO_NOT_FOUND", "the organisation has no logo")

interface LogoRow {
  readonly logo_key: string | null
  readonly logo_updated_at: Date | null
}

/**
 * The organisation's logo: its admin uploads (checked by content, shrunk, stored as PNG in the
 * documents store under a new key each time) or removes it; every signed-in user of the
 * organisation reads it. Both changes are audited; the replaced PNG is deleted once the row no
 * longer names it.
 */
export const registerOrganisationLogoRoutes = (app: TemplatedApp, deps: OrganisationLogoRouteDeps): void => {
  const { db, documents: store } = deps
  const current = (orgId: string) =>
    db.withOrg(orgId, async (c) => {
      const found = await c.query<LogoRow>(
        "SELECT logo_key, logo_updated_at FROM organisations WHERE id = $1",
        [orgId],
      )
      return found.rows[0]
    })

  serve(app, deps, endpoints.organisationLogo.upload, async ({ principal: p, request }) => {
    const spec = endpoints.organisationLogo.upload.multipart
    const form = await readMultipart(request, spec, Schema.Struct({}), "FLEET_LOGO_INVALID").catch(
      (error: unknown) => {
        // The form reader names the documents' code for a part over its limit: a logo has its own.
        if (error instanceof HttpError && error.status === 413)
          throw new HttpError(
            413,
            "FLEET_LOGO_TOO_LARGE",
            `a logo is at most ${MAX_LOGO_BYTES} bytes`,
            "file",
          )
        throw error
      },
    )
    const file = form.files[0]
    if (file === undefined) throw new HttpError(400, "FLEET_LOGO_INVALID", "attach the logo as file", "file")
    const logo = await prepareLogo(file.bytes)
    const key = `logos/${p.orgId}/${randomUUID()}.png`
    await store.put(key, logo.png, "image/png")
    const { previous, updatedAt } = await db
      .withOrg(p.orgId, async (c) => {
        const before = await c.query<LogoRow>("SELECT logo_key FROM organisations WHERE id = $1 FOR UPDATE", [
          p.orgId,
        ])
        const after = await c.query<{ logo_updated_at: Date }>(
          "UPDATE organisations SET logo_key = $2, logo_updated_at = now() WHERE id = $1 RETURNING logo_updated_at",
          [p.orgId, key],
        )
        await audit(c, p, request, {
          action: "update",
          entity: "organisation_logo",
          entityId: p.orgId,
          oldValues: { logo: before.rows[0]?.logo_key ?? null },
          newValues: { logo: key, width: logo.width, height: logo.height, bytes: logo.png.length },
        })
        return {
          previous: before.rows[0]?.logo_key ?? null,
          updatedAt: after.rows[0]?.logo_updated_at ?? new Date(),
        }
      })
      .catch(async (error: unknown) => {
        await store.delete(key)
        throw error
      })
    if (previous !== null) await store.delete(previous)
    return {
      body: {
        url: logoUrlOf(updatedAt),
        width: logo.width,
        height: logo.height,
        updatedAt: updatedAt.toISOString(),
      },
    }
  })

  serve(app, deps, endpoints.organisationLogo.get, async ({ principal: p }) => {
    const row = await current(p.orgId)
    const bytes = await readLogo(store, row?.logo_key ?? null)
    if (bytes === null) throw noLogo()
    return {
      headers: {
        "content-type": "image/png",
        "x-content-type-options": "nosniff",
        // The dashboard asks with the upload's time in the URL: a new logo is a new URL.
        "cache-control": "private, max-age=300",
      },
      body: bytes,
    }
  })

  serve(app, deps, endpoints.organisationLogo.delete, async ({ principal: p, request }) => {
    const previous = await db.withOrg(p.orgId, async (c) => {
      const before = await c.query<LogoRow>("SELECT logo_key FROM organisations WHERE id = $1 FOR UPDATE", [
        p.orgId,
      ])
      const key = before.rows[0]?.logo_key ?? null
      if (key === null) throw noLogo()
      await c.query("UPDATE organisations SET logo_key = NULL, logo_updated_at = now() WHERE id = $1", [
        p.orgId,
      ])
      await audit(c, p, request, {
        action: "delete",
        entity: "organisation_logo",
        entityId: p.orgId,
        oldValues: { logo: key },
      })
      return key
    })
    await store.delete(previous)
    return {}
  })
}
