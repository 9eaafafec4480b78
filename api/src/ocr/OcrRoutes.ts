import { endpoints, MAX_OCR_BYTES } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { readMultipart } from "../documents/readMultipart.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { OcrImageRefused, type OcrProvider, OcrUnavailable } from "./OcrProvider.js"

export interface OcrRouteDeps extends Pick<RouteDeps, "db" | "tokens" | "log"> {
  readonly ocr: OcrProvider
  readonly checkResponses?: boolean
}

const toHttp = (error: unknown): unknown => {
  if (error instanceof OcrImageRefused) {
    return error.reason === "pixels"
      ? new HttpError(413, "FLEET_OCR_IMAGE_TOO_LARGE", error.message, "file")
      : new HttpError(415, "FLEET_OCR_TYPE_REFUSED", error.message, "file")
  }
  if (error instanceof OcrUnavailable) {
    return error.reason === "busy"
      ? new HttpError(503, "FLEET_OCR_BUSY", error.message)
      : new HttpError(503, "FLEET_OCR_TIMEOUT", error.message)
  }
  return error
}

/**
 * OCR suggestions: the photo is read in memory and forgotten; the answer is only suggestions for
 * a person to check. Nothing is stored and nothing is audited (no record changes).
 */
export const registerOcrRoutes = (app: TemplatedApp, deps: OcrRouteDeps): void => {
  serve(app, deps, endpoints.ocr.suggest, async ({ query, request }) => {
    const spec = endpoints.ocr.suggest.multipart
    const form = await readMultipart(request, spec, Schema.Struct({}), "FLEET_OCR_INVALID").catch(
      (error: unknown) => {
        // The form reader names the documents' code for a part over its limit: a photo has its own.
        if (error instanceof HttpError && error.status === 413) {
          throw new HttpError(413, "FLEET_OCR_TOO_LARGE", `a photo is at most ${MAX_OCR_BYTES} bytes`, "file")
        }
        throw error
      },
    )
    const file = form.files[0]
    if (file === undefined) throw new HttpError(400, "FLEET_OCR_INVALID", "attach the photo as file", "file")
    if (file.bytes.length === 0) throw new HttpError(400, "FLEET_OCR_INVALID", "the file is empty", "file")
    const started = performance.now()
    const result = await deps.ocr.suggest(file.bytes, query.kind).catch((error: unknown) => {
      throw toHttp(error)
    })
    return {
      body: {
        kind: query.kind,
        candidates: [...result.candidates],
        text: result.text,
        durationMs: Math.round(performance.now() - started),
      },
    }
  })
}
