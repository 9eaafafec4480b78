import { Schema } from "effect"
import { endpoint } from "../endpoint.js"

/** What a photo shows: a registration plate, a VIN plate, an odometer or a fuel receipt. */
export const OCR_KINDS = ["plate", "vin", "odometer", "fuel_receipt"] as const
export const OcrKind = Schema.Literals(OCR_KINDS)
export type OcrKind = typeof OcrKind.Type

/**
 * The fields a suggestion may fill, named as the records they would go into: `plate`, `vin` (a
 * vehicle), `odometer` (an odometer reading's km), `litres`, `pricePerLitre`, `amount`, `date` (a
 * refuel).
 */
export const OCR_FIELDS = ["plate", "vin", "odometer", "litres", "pricePerLitre", "amount", "date"] as const
export const OcrField = Schema.Literals(OCR_FIELDS)
export type OcrField = typeof OcrField.Type

/** The largest photo accepted. */
export const MAX_OCR_BYTES = 8 * 1024 * 1024
/** The most pixels a photo may have (a 24-megapixel phone photo; a decompression bomb is refused). */
export const MAX_OCR_PIXELS = 24_000_000
/** What a photo may be, recognised by its bytes. */
export const OCR_MIME_TYPES = ["image/jpeg", "image/png", "image/webp"] as const

export const OcrCandidate = Schema.Struct({
  field: OcrField,
  /** As it would be entered: a plate or VIN upper case, numbers with a dot, a date as YYYY-MM-DD. */
  value: Schema.String,
  /** 0 to 1: the engine's confidence in the characters, raised or lowered by the field's rules. */
  confidence: Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 })),
}).annotate({ identifier: "OcrCandidate" })
export type OcrCandidate = typeof OcrCandidate.Type

export const OcrSuggestions = Schema.Struct({
  kind: OcrKind,
  /** Best first within each field; at most 5 per field. */
  candidates: Schema.Array(OcrCandidate),
  /** The text the engine read, as it read it (for the person who checks the suggestion). */
  text: Schema.String,
  durationMs: Schema.Int,
}).annotate({ identifier: "OcrSuggestions" })
export type OcrSuggestions = typeof OcrSuggestions.Type

/** OCR that only suggests (seed 002 §9): the answer is shown to a person; nothing is written. */
export const ocr = {
  suggest: endpoint({
    id: "ocr.suggest",
    method: "post",
    path: "/api/v1/ocr/suggestions",
    tag: "ocr",
    summary: "Read a photo of a plate, VIN plate, odometer or fuel receipt and suggest field values",
    description: `A multipart/form-data form with one part named file: a JPEG, PNG or WebP photo of at most ${MAX_OCR_BYTES} bytes and ${MAX_OCR_PIXELS} pixels; \`kind\` says what it shows. The photo is read offline (Tesseract) and forgotten: the answer suggests values with a confidence, and no record, file or audit entry is written.`,
    access: "ocr.suggest",
    query: Schema.Struct({ kind: OcrKind }),
    multipart: {
      fields: Schema.Struct({}),
      filesField: "file",
      maxFiles: 1,
      maxFileBytes: MAX_OCR_BYTES,
    },
    // A file well over the limit still reaches the form reader, which answers the precise 413.
    bodyLimit: 2 * MAX_OCR_BYTES,
    response: OcrSuggestions,
    errors: [
      { status: 400, code: "FLEET_OCR_INVALID", description: "not a form, no file or more than one" },
      { status: 413, code: "FLEET_OCR_TOO_LARGE", description: "the file is larger than 8 MB" },
      {
        status: 413,
        code: "FLEET_OCR_IMAGE_TOO_LARGE",
        description: "the image has more than 24 million pixels",
      },
      {
        status: 415,
        code: "FLEET_OCR_TYPE_REFUSED",
        description: "the file's content is not a readable JPEG, PNG or WebP image",
      },
      { status: 503, code: "FLEET_OCR_BUSY", description: "too many photos are waiting to be read" },
      { status: 503, code: "FLEET_OCR_TIMEOUT", description: "reading the photo took too long" },
    ],
  }),
} as const
