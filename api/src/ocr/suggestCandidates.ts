import type { OcrCandidate, OcrKind } from "@fleetcore/contract"
import type { OcrLine } from "./OcrProvider.js"
import { odometerCandidates } from "./odometerCandidates.js"
import { plateCandidates } from "./plateCandidates.js"
import { rankCandidates } from "./rankCandidates.js"
import { receiptCandidates } from "./receiptCandidates.js"
import { vinCandidates } from "./vinCandidates.js"

const BY_KIND: Readonly<Record<OcrKind, (lines: ReadonlyArray<OcrLine>) => ReadonlyArray<OcrCandidate>>> = {
  plate: plateCandidates,
  vin: vinCandidates,
  odometer: odometerCandidates,
  fuel_receipt: receiptCandidates,
}

/** The ranked candidates of a kind of photo, from the lines the engine read. */
export const suggestCandidates = (
  kind: OcrKind,
  lines: ReadonlyArray<OcrLine>,
): ReadonlyArray<OcrCandidate> => rankCandidates(BY_KIND[kind](lines))
