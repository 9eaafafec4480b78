/** Thrown when a field runs past the end of the content or holds an impossible value; caught by the decoders. */
export class ContentError extends Error {}

/** A bounds-checked big-endian reader over one frame's information content. */
export class ByteReader {
  private at = 0
  constructor(private readonly bytes: Uint8Array) {}
  get remaining(): number {
    return this.bytes.byteLength - this.at
  }
  private take(n: number): number {
    const at = this.at
    if (at + n > this.bytes.byteLength)
      throw new ContentError(`the content ends at byte ${this.bytes.byteLength}; ${at + n} needed`)
    this.at += n
    return at
  }
  u8 = (): number => this.bytes[this.take(1)] ?? 0
  u16 = (): number => {
    const at = this.take(2)
    return ((this.bytes[at] ?? 0) << 8) | (this.bytes[at + 1] ?? 0)
  }
  u24 = (): number => {
    const at = this.take(3)
    return ((this.bytes[at] ?? 0) << 16) | ((this.bytes[at + 1] ?? 0) << 8) | (this.bytes[at + 2] ?? 0)
  }
  u32 = (): number => {
    const at = this.take(4)
    return (
      ((this.bytes[at] ?? 0) * 0x1000000 +
        (((this.bytes[at + 1] ?? 0) << 16) |
          ((this.bytes[at + 2] ?? 0) << 8) |
          (this.bytes[at + 3] ?? 0))) >>>
      0
    )
  }
  slice = (n: number): Uint8Array => {
    const at = this.take(n)
    return this.bytes.subarray(at, at + n)
  }
  rest = (): Uint8Array => this.slice(this.remaining)
}
