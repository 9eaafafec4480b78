import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { IsoDateTime } from "../schemas.js"

/** The largest logo file accepted. */
export const MAX_LOGO_BYTES = 1024 * 1024
/** What a logo may be, recognised by its bytes (magic numbers), never by its name. */
export const LOGO_MIME_TYPES = ["image/png", "image/jpeg"] as const
/** The box a logo is shrunk into (never enlarged), in pixels: wide and short, as a letterhead's. */
export const LOGO_BOX = { width: 600, height: 240 } as const

export const OrganisationLogo = Schema.Struct({
  /** Relative URL of the stored PNG; changes with each upload. */
  url: Schema.String,
  width: Schema.Int,
  height: Schema.Int,
  updatedAt: IsoDateTime,
}).annotate({ identifier: "OrganisationLogo" })

const noLogo = { status: 404, code: "FLEET_LOGO_NOT_FOUND", description: "the organisation has no logo" }

/** The organisation's logo: drawn at the top of every PDF (list exports, reports) when set. */
export const organisationLogo = {
  upload: endpoint({
    id: "organisationLogo.upload",
    method: "put",
    path: "/api/v1/organisation/logo",
    tag: "organisations",
    summary: "Set the organisation's logo (PNG or JPEG, at most 1 MB), replacing the one before",
    description: `A multipart/form-data form with one part named file, recognised by content as PNG or JPEG, at most ${MAX_LOGO_BYTES} bytes. It is shrunk into ${LOGO_BOX.width} × ${LOGO_BOX.height} px and stored as PNG. Audited.`,
    access: "organisation.settings",
    multipart: {
      fields: Schema.Struct({}),
      filesField: "file",
      maxFiles: 1,
      maxFileBytes: MAX_LOGO_BYTES,
    },
    // A file well over the limit still reaches the form reader, which answers the precise 413.
    bodyLimit: 4 * MAX_LOGO_BYTES,
    response: OrganisationLogo,
    errors: [
      { status: 400, code: "FLEET_LOGO_INVALID", description: "not a form, or no file" },
      { status: 413, code: "FLEET_LOGO_TOO_LARGE", description: "the file is larger than 1 MB" },
      {
        status: 415,
        code: "FLEET_LOGO_TYPE_REFUSED",
        description: "the file's content is not a readable PNG or JPEG image",
      },
    ],
  }),
  get: endpoint({
    id: "organisationLogo.get",
    method: "get",
    path: "/api/v1/organisation/logo",
    tag: "organisations",
    summary: "The organisation's logo (PNG), for every signed-in user of the organisation",
    access: "signedIn",
    /** The upload's time (`url` of the answer): ignored, it only makes a new logo a new URL. */
    query: Schema.Struct({
      v: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^\d{1,16}$/u))),
    }),
    contentType: "image/png",
    errors: [noLogo],
  }),
  delete: endpoint({
    id: "organisationLogo.delete",
    method: "delete",
    path: "/api/v1/organisation/logo",
    tag: "organisations",
    summary: "Remove the organisation's logo (PDFs are then made without one). Audited.",
    access: "organisation.settings",
    errors: [noLogo],
  }),
} as const
