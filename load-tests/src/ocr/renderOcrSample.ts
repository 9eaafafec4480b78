import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas"
import { type SeededRandom, seededRandom } from "../seededRandom.js"
import {
  type OcrExpected,
  type OcrSampleKind,
  sampleOdometer,
  samplePlate,
  sampleReceipt,
  sampleVin,
} from "./ocrSampleValues.js"

/** One rendered photo and what reading it right gives. */
export interface OcrSample {
  readonly kind: OcrSampleKind
  readonly seed: number
  readonly jpeg: Buffer
  readonly expected: OcrExpected
}

const WIDTH = 960
const HEIGHT = 640
/** Fonts every Debian image has (fonts-dejavu-core); the same seed draws the same pixels. */
const SANS = "DejaVu Sans"
const MONO = "DejaVu Sans Mono"

const grey = (r: SeededRandom, from: number, to: number): string => {
  const v = Math.round(r.between(from, to))
  return `rgb(${v},${v},${v})`
}
const colour = (r: SeededRandom): string => `rgb(${r.int(256)},${r.int(256)},${r.int(256)})`

/** A scene behind the object: a two-colour gradient and soft shapes (a car body, a wall, shadows). */
const drawScene = (g: SKRSContext2D, r: SeededRandom): void => {
  const gradient = g.createLinearGradient(0, 0, WIDTH * r.next(), HEIGHT)
  gradient.addColorStop(0, colour(r))
  gradient.addColorStop(1, colour(r))
  g.fillStyle = gradient
  g.fillRect(0, 0, WIDTH, HEIGHT)
  for (let i = 0; i < 14; i++) {
    g.globalAlpha = r.between(0.15, 0.5)
    g.fillStyle = colour(r)
    g.beginPath()
    g.ellipse(
      r.between(0, WIDTH),
      r.between(0, HEIGHT),
      r.between(30, 260),
      r.between(20, 180),
      r.next() * Math.PI,
      0,
      Math.PI * 2,
    )
    g.fill()
  }
  g.globalAlpha = 1
}

/** Draws `draw` centred, turned by up to `maxDeg` degrees either way. */
const tilted = (g: SKRSContext2D, r: SeededRandom, maxDeg: number, draw: () => void): void => {
  g.save()
  g.translate(WIDTH / 2 + r.between(-40, 40), HEIGHT / 2 + r.between(-30, 30))
  g.rotate((r.between(-maxDeg, maxDeg) * Math.PI) / 180)
  draw()
  g.restore()
}

const drawPlate = (g: SKRSContext2D, r: SeededRandom): OcrExpected => {
  const plate = samplePlate(r)
  const w = 560
  const h = 130
  tilted(g, r, 4, () => {
    g.fillStyle = grey(r, 225, 250)
    g.fillRect(-w / 2, -h / 2, w, h)
    g.lineWidth = 6
    g.strokeStyle = "#111"
    g.strokeRect(-w / 2, -h / 2, w, h)
    g.fillStyle = "#1a3f9c"
    g.fillRect(-w / 2 + 3, -h / 2 + 3, 48, h - 6)
    g.fillStyle = grey(r, 0, 40)
    g.font = `bold ${Math.round(r.between(72, 84))}px ${SANS}`
    g.textAlign = "center"
    g.textBaseline = "middle"
    g.fillText(plate, 24, 4, w - 80)
  })
  return { plate }
}

const drawVin = (g: SKRSContext2D, r: SeededRandom): OcrExpected => {
  const vin = sampleVin(r)
  const w = 780
  const h = 170
  tilted(g, r, 3, () => {
    g.fillStyle = grey(r, 180, 215)
    g.fillRect(-w / 2, -h / 2, w, h)
    g.fillStyle = grey(r, 10, 50)
    g.textAlign = "left"
    g.textBaseline = "middle"
    g.font = `bold 26px ${SANS}`
    g.fillText("VEHICLE IDENTIFICATION NUMBER", -w / 2 + 24, -h / 2 + 36)
    g.font = `bold ${Math.round(r.between(52, 58))}px ${MONO}`
    g.fillText(vin, -w / 2 + 24, 26, w - 48)
  })
  return { vin }
}

const drawOdometer = (g: SKRSContext2D, r: SeededRandom): OcrExpected => {
  const km = sampleOdometer(r)
  const shown = String(km).padStart(6, "0")
  const w = 620
  const h = 230
  tilted(g, r, 3, () => {
    g.fillStyle = grey(r, 5, 30)
    g.fillRect(-w / 2, -h / 2, w, h)
    g.fillStyle = grey(r, 215, 255)
    g.textAlign = "center"
    g.textBaseline = "middle"
    g.font = `bold ${Math.round(r.between(86, 96))}px ${MONO}`
    g.fillText(shown, -30, -10)
    g.font = `bold 40px ${SANS}`
    g.fillText("km", 240, 0)
    if (r.chance(0.5)) {
      g.font = `28px ${SANS}`
      g.fillText(`TRIP A ${(r.int(9999) / 10).toFixed(1)}`, -60, 82)
    }
  })
  return { odometer: String(km) }
}

const drawReceipt = (g: SKRSContext2D, r: SeededRandom): OcrExpected => {
  const receipt = sampleReceipt(r)
  const [y, m, d] = receipt.date.split("-")
  const date = r.chance(0.5) ? receipt.date : `${d}.${m}.${y}`
  const lines = [
    r.pick(["QAZAQ OIL", "HELIOS", "SINOOIL", "GAZPROMNEFT"]),
    `STATION ${1 + r.int(90)}`,
    `${date} ${String(r.int(24)).padStart(2, "0")}:${String(r.int(60)).padStart(2, "0")}`,
    r.pick(["AI-92", "AI-95", "DIESEL"]),
    `${r.pick(["VOLUME", "QTY"])}  ${receipt.litres.toFixed(2)} L`,
    `PRICE  ${receipt.pricePerLitre.toFixed(2)} /L`,
    `TOTAL  ${receipt.amount.toFixed(2)}`,
    "THANK YOU",
  ]
  const w = 440
  const h = 520
  tilted(g, r, 3, () => {
    g.fillStyle = grey(r, 235, 255)
    g.fillRect(-w / 2, -h / 2, w, h)
    g.fillStyle = grey(r, 20, 70)
    g.textAlign = "left"
    g.textBaseline = "middle"
    g.font = `bold 30px ${MONO}`
    for (const [i, line] of lines.entries()) g.fillText(line, -w / 2 + 28, -h / 2 + 50 + i * 60, w - 56)
  })
  return {
    litres: receipt.litres.toFixed(2),
    pricePerLitre: receipt.pricePerLitre.toFixed(2),
    amount: receipt.amount.toFixed(2),
    date: receipt.date,
  }
}

const DRAW: Readonly<Record<OcrSampleKind, (g: SKRSContext2D, r: SeededRandom) => OcrExpected>> = {
  plate: drawPlate,
  vin: drawVin,
  odometer: drawOdometer,
  fuel_receipt: drawReceipt,
}

/** Grain as a phone camera's: each pixel moved by up to ±`amount` grey levels. */
const addNoise = (g: SKRSContext2D, r: SeededRandom, amount: number): void => {
  const image = g.getImageData(0, 0, WIDTH, HEIGHT)
  const px = image.data
  for (let i = 0; i < px.length; i += 4) {
    const n = (r.next() + r.next() - 1) * amount
    px[i] = Math.max(0, Math.min(255, (px[i] as number) + n))
    px[i + 1] = Math.max(0, Math.min(255, (px[i + 1] as number) + n))
    px[i + 2] = Math.max(0, Math.min(255, (px[i + 2] as number) + n))
  }
  g.putImageData(image, 0, 0)
}

/**
 * A photo-like JPEG of a plate, VIN plate, odometer or fuel receipt, made from `seed` alone: a
 * random scene, the object turned by a few degrees, a slight blur (0.4–1.2 px), grain and JPEG
 * compression. The same seed gives the same bytes and the same expected values.
 */
export const renderOcrSample = async (kind: OcrSampleKind, seed: number): Promise<OcrSample> => {
  const r = seededRandom(seed)
  const sharp = createCanvas(WIDTH, HEIGHT)
  const g = sharp.getContext("2d")
  drawScene(g, r)
  const expected = DRAW[kind](g, r)
  const photo = createCanvas(WIDTH, HEIGHT)
  const p = photo.getContext("2d")
  p.filter = `blur(${r.between(0.4, 1.2).toFixed(2)}px)`
  p.drawImage(sharp, 0, 0)
  p.filter = "none"
  addNoise(p, r, r.between(10, 28))
  const jpeg = await photo.encode("jpeg", Math.round(r.between(70, 90)))
  return { kind, seed, jpeg, expected }
}
