import type { OcrCandidate, OcrKind } from "@fleetcore/contract"
import { Data } from "effect"

/** One line of text as the engine read it; `confidence` is 0 to 1. */
export interface OcrLine {
  readonly text: string
  readonly confidence: number
}

/** What a photo was read as: candidates ranked best first within each field, and the raw text. */
export interface OcrResult {
  readonly candidates: ReadonlyArray<OcrCandidate>
  readonly text: string
}

/**
 * Reads a photo and suggests values; it never writes anything. Implemented offline with Tesseract
 * (`TesseractOcr.ts`); a cloud or VLM provider would implement the same interface.
 */
export interface OcrProvider {
  readonly suggest: (image: Buffer, kind: OcrKind) => Promise<OcrResult>
  /** Starts the engine now rather than on the first photo. */
  readonly warm: () => Promise<void>
  readonly close: () => Promise<void>
}

/** The photo is not one the provider reads: not a JPEG/PNG/WebP, undecodable, or too many pixels. */
export class OcrImageRefused extends Data.TaggedError("OcrImageRefused")<{
  readonly reason: "type" | "pixels"
  readonly message: string
  readonly cause?: unknown
}> {}

/** The engine cannot read the photo now: its queue is full, or reading took too long. */
export class OcrUnavailable extends Data.TaggedError("OcrUnavailable")<{
  readonly reason: "busy" | "timeout"
  readonly message: string
}> {}
