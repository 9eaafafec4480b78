import { makeLog } from "@fleetcore/platform"
import sharp from "sharp"
import { afterAll, describe, expect, it } from "vitest"
import { OcrImageRefused, type OcrProvider, OcrUnavailable } from "./OcrProvider.js"
import { makeTesseractOcr } from "./TesseractOcr.js"

const plate = () =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="200">
        <rect width="640" height="200" fill="#d8d8d8"/>
        <rect x="60" y="40" width="520" height="120" fill="#fafafa" stroke="#111" stroke-width="6"/>
        <text x="320" y="128" font-family="DejaVu Sans" font-weight="bold" font-size="72" text-anchor="middle">123 ABC 02</text>
      </svg>`,
    ),
  )
    .jpeg()
    .toBuffer()

const providers: Array<OcrProvider> = []
const provider = (options: { timeoutMs?: number; maxWaiting?: number }) => {
  const made = makeTesseractOcr({ log: makeLog("silent"), ...options })
  providers.push(made)
  return made
}
afterAll(async () => {
  await Promise.all(providers.map((p) => p.close()))
})

describe("the Tesseract provider", () => {
  it("reads a plate offline with the packaged model, photo after photo", async () => {
    const ocr = provider({})
    const image = await plate()
    const first = await ocr.suggest(image, "plate")
    expect(first.candidates[0]).toMatchObject({ field: "plate", value: "123 ABC 02" })
    const again = await ocr.suggest(image, "plate")
    expect(again.candidates[0]?.value).toBe("123 ABC 02")
  })

  it("refuses what is not a photo before queueing it", async () => {
    const ocr = provider({})
    await expect(ocr.suggest(Buffer.from("%PDF-1.7 not a photo"), "vin")).rejects.toBeInstanceOf(
      OcrImageRefused,
    )
  })

  it("answers busy beyond the waiting photos, and reads the ones it took", async () => {
    const ocr = provider({ maxWaiting: 1 })
    await ocr.warm()
    const image = await plate()
    const answers = await Promise.allSettled([1, 2, 3, 4].map(() => ocr.suggest(image, "plate")))
    const busy = answers.filter((a) => a.status === "rejected" && a.reason instanceof OcrUnavailable)
    const read = answers.filter((a) => a.status === "fulfilled")
    expect(busy.length).toBeGreaterThanOrEqual(1)
    expect(read.length).toBeGreaterThanOrEqual(1)
    expect(busy.length + read.length).toBe(4)
  })

  it("answers a timeout when a reading takes too long", async () => {
    const ocr = provider({ timeoutMs: 1 })
    await ocr.warm()
    const failure = await ocr.suggest(await plate(), "plate").catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(OcrUnavailable)
    expect((failure as OcrUnavailable).reason).toBe("timeout")
  })
})
