import type { SeededRandom as Rng } from "../seededRandom.js"

/** Byte-level mutations of a valid packet or body; each returns a new buffer. */
const MUTATIONS: ReadonlyArray<{ readonly name: string; readonly apply: (rng: Rng, b: Buffer) => Buffer }> = [
  {
    name: "bit-flip",
    apply: (rng, b) => {
      const out = Buffer.from(b)
      for (let i = 1 + rng.int(4); i > 0 && out.length > 0; i--) {
        const at = rng.int(out.length)
        out[at] = (out[at] as number) ^ (1 << rng.int(8))
      }
      return out
    },
  },
  { name: "truncate", apply: (rng, b) => b.subarray(0, rng.int(Math.max(1, b.length))) },
  {
    name: "garbage-tail",
    apply: (rng, b) =>
      Buffer.concat([b, Buffer.from(Array.from({ length: 1 + rng.int(64) }, () => rng.int(256)))]),
  },
  {
    name: "duplicate-range",
    apply: (rng, b) => {
      const from = rng.int(Math.max(1, b.length))
      const to = Math.min(b.length, from + 1 + rng.int(32))
      return Buffer.concat([b.subarray(0, to), b.subarray(from, to), b.subarray(to)])
    },
  },
  {
    name: "byte-extremes",
    apply: (rng, b) => {
      const out = Buffer.from(b)
      if (out.length > 0) out[rng.int(out.length)] = rng.pick([0x00, 0x7f, 0x80, 0xff])
      return out
    },
  },
  {
    name: "insert-random",
    apply: (rng, b) => {
      const at = rng.int(b.length + 1)
      const junk = Buffer.from(Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)))
      return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)])
    },
  },
]

export const mutateBytes = (rng: Rng, bytes: Buffer): { readonly name: string; readonly bytes: Buffer } => {
  const mutation = rng.pick(MUTATIONS)
  return { name: mutation.name, bytes: mutation.apply(rng, bytes) }
}

/** A Variable Byte Integer (MQTT 1.5.5). */
export const varint = (value: number): Buffer => {
  const bytes: number[] = []
  let rest = value
  do {
    let byte = rest % 128
    rest = Math.floor(rest / 128)
    if (rest > 0) byte |= 0x80
    bytes.push(byte)
  } while (rest > 0)
  return Buffer.from(bytes)
}

/**
 * Rewrites an MQTT packet's Remaining Length with a lie (random, huge, or off by a little) and
 * keeps the body: the parser must not trust it beyond the limits.
 */
export const lieAboutLength = (rng: Rng, packet: Buffer): Buffer => {
  let headerEnd = 1
  while (headerEnd < packet.length && headerEnd < 5 && (packet[headerEnd] as number) & 0x80) headerEnd++
  const body = packet.subarray(headerEnd + 1)
  const lie = rng.pick([
    rng.int(128),
    rng.int(16_384),
    250_000_000,
    268_435_455,
    body.length + 1 + rng.int(8),
    Math.max(0, body.length - 1 - rng.int(8)),
  ])
  return Buffer.concat([packet.subarray(0, 1), varint(lie), body])
}
