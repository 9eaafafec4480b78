import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import type { OcrCandidate, OcrField, OcrKind } from "@fleetcore/contract"
import type { Log } from "@fleetcore/platform"
import { createWorker, OEM, type Page, PSM, type Worker } from "tesseract.js"
import { type OcrLine, type OcrProvider, type OcrResult, OcrUnavailable } from "./OcrProvider.js"
import { type Polarity, type PreparedImage, prepareOcrImage } from "./prepareOcrImage.js"
import { rankCandidates } from "./rankCandidates.js"
import { suggestCandidates } from "./suggestCandidates.js"

const require = createRequire(import.meta.url)

/**
 * The English LSTM model shipped by `@tesseract.js-data/eng` (the "best_int" build, 2.9 MB
 * gzipped): read from node_modules, never fetched. tesseract.js loads its worker script and the
 * WebAssembly core from its own packages in Node.
 */
const LANG_PATH = join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int")

/** One reading of a photo: the text kept (dark on light or light on dark) and the width read at. */
interface Pass {
  readonly polarity: Polarity
  /** Tesseract reads letters best 30–60 px tall and misses those over ~100 px (bench:ocr). */
  readonly width: number
}

interface Reading {
  /** Sparse text finds a plate, VIN or counter anywhere in a scene; a receipt is a page. */
  readonly psm: PSM
  readonly whitelist: string
  /** Tried in turn, the next only while `field` has no candidate `SURE_ENOUGH`. */
  readonly passes: ReadonlyArray<Pass>
  readonly field: OcrField
}

/** A candidate this confident ends the reading; below it, the next pass is tried too. */
const SURE_ENOUGH = 0.5

const READING: Readonly<Record<OcrKind, Reading>> = {
  plate: {
    psm: PSM.SPARSE_TEXT,
    whitelist: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789- ",
    passes: [
      { polarity: "dark", width: 1200 },
      { polarity: "dark", width: 800 },
      { polarity: "light", width: 1200 },
    ],
    field: "plate",
  },
  vin: {
    psm: PSM.SPARSE_TEXT,
    whitelist: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:- ",
    passes: [
      { polarity: "dark", width: 1000 },
      { polarity: "dark", width: 1400 },
      { polarity: "light", width: 1000 },
    ],
    field: "vin",
  },
  odometer: {
    psm: PSM.SPARSE_TEXT,
    whitelist: "0123456789.,kmKM ",
    passes: [
      { polarity: "light", width: 800 },
      { polarity: "light", width: 1200 },
      { polarity: "dark", width: 1000 },
    ],
    field: "odometer",
  },
  fuel_receipt: {
    psm: PSM.AUTO,
    whitelist: "",
    passes: [{ polarity: "dark", width: 1200 }],
    field: "amount",
  },
}

export interface TesseractOcrOptions {
  readonly log: Log
  /** Longest one reading pass over a photo may take; the worker is then replaced (default 20 s). */
  readonly timeoutMs?: number
  /** Photos waiting besides the one being read before new ones are refused (default 8). */
  readonly maxWaiting?: number
}

const linesOf = (page: Page): ReadonlyArray<OcrLine> =>
  (page.blocks ?? []).flatMap((b) =>
    b.paragraphs.flatMap((p) =>
      p.lines.map((l) => ({ text: l.text.trim(), confidence: Math.max(0, l.confidence) / 100 })),
    ),
  )

/**
 * The offline provider: one Tesseract worker (a worker thread running the WebAssembly engine),
 * started on first use (or `warm`) and kept for every later photo. Photos are read one at a time
 * in arrival order; at most `maxWaiting` wait (then `OcrUnavailable` busy). A photo that takes
 * longer than `timeoutMs` is answered `OcrUnavailable` timeout and its worker is terminated (a
 * running recognition cannot be cancelled); the next photo starts a fresh one.
 */
export const makeTesseractOcr = (options: TesseractOcrOptions): OcrProvider => {
  const timeoutMs = options.timeoutMs ?? 20_000
  const maxWaiting = options.maxWaiting ?? 8
  let worker: Promise<Worker> | null = null
  /** The last photo's turn, settled either way: each photo starts when the one before it ends. */
  let tail: Promise<unknown> = Promise.resolve()
  let waiting = 0

  const started = (): Promise<Worker> => {
    if (worker === null) {
      const starting = createWorker("eng", OEM.LSTM_ONLY, {
        langPath: LANG_PATH,
        gzip: true,
        // The model is read from the package each start; nothing is written beside the process.
        cacheMethod: "none",
        errorHandler: (error: unknown) => options.log.error({ err: error }, "the OCR worker failed"),
      })
      worker = starting
      starting.catch(() => {
        if (worker === starting) worker = null
      })
    }
    return worker
  }

  const stop = async (stopping: Promise<Worker> | null): Promise<void> => {
    if (stopping === null) return
    if (worker === stopping) worker = null
    await stopping.then((w) => w.terminate()).catch(() => undefined)
  }

  const recognise = async (image: Buffer, kind: OcrKind): Promise<Page> => {
    const current = started()
    const w = await current
    const { psm, whitelist } = READING[kind]
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new OcrUnavailable({ reason: "timeout", message: `reading took longer than ${timeoutMs} ms` }))
      }, timeoutMs)
    })
    try {
      const job = (async () => {
        // The photo's own resolution is meaningless here (a phone's 72 dpi): say print-like 300.
        await w.setParameters({
          tessedit_pageseg_mode: psm,
          tessedit_char_whitelist: whitelist,
          user_defined_dpi: "300",
        })
        return (await w.recognize(image, {}, { text: true, blocks: true })).data
      })()
      return await Promise.race([job, timeout])
    } catch (error) {
      if (error instanceof OcrUnavailable) {
        options.log.warn({ kind, timeoutMs }, "an OCR read timed out: its worker is replaced")
        void stop(current)
      }
      throw error
    } finally {
      clearTimeout(timer)
    }
  }

  /** Every pass a photo needs, in one turn of the queue. */
  const read = async (prepared: PreparedImage, kind: OcrKind): Promise<OcrResult> => {
    const { passes, field } = READING[kind]
    const found: Array<OcrCandidate> = []
    const texts: Array<string> = []
    for (const { polarity, width } of passes) {
      const page = await recognise(await prepared.binary(polarity, width), kind)
      texts.push(page.text.trim())
      found.push(...suggestCandidates(kind, linesOf(page)))
      if (found.some((c) => c.field === field && c.confidence >= SURE_ENOUGH)) break
    }
    return { candidates: rankCandidates(found), text: texts.join("\n") }
  }

  return {
    suggest: async (image, kind): Promise<OcrResult> => {
      const prepared = await prepareOcrImage(image)
      if (waiting >= maxWaiting) {
        throw new OcrUnavailable({
          reason: "busy",
          message: `${waiting} photos are already waiting to be read`,
        })
      }
      waiting++
      const turn = tail.then(() => {
        waiting--
        return read(prepared, kind)
      })
      tail = turn.catch(() => undefined)
      return await turn
    },
    warm: async () => {
      await started()
    },
    close: () => stop(worker),
  }
}
