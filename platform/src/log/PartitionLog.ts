import { type FileHandle, mkdir, open, readdir, stat, unlink } from "node:fs/promises"
import { join } from "node:path"
import { crc32 } from "node:zlib"
import { FRAME_HEADER_BYTES, scanFrame } from "./recordFrame.js"

export interface PartitionLogOptions {
  /** The partition's folder; segments are `<first offset, 20 digits>.log` files in it. */
  readonly dir: string
  /** A segment is closed and a new one started once it holds this many bytes. */
  readonly segmentBytes: number
  /** fdatasync each group commit (off only where losing the OS page cache is acceptable). */
  readonly fsync: boolean
  /** Called after each group commit, in offset order, with the values made durable. */
  readonly onDurable: (firstOffset: number, values: ReadonlyArray<unknown>) => void
}

export interface Segment {
  /** Offset of the segment's first record. */
  readonly base: number
  readonly path: string
  /** Bytes known to be whole frames (durable, for the active segment). */
  size: number
}

interface Waiter {
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

const READ_CHUNK_BYTES = 1024 * 1024
const segmentName = (base: number) => `${String(base).padStart(20, "0")}.log`

/**
 * Reads whole frames from `fd` starting at byte `from`, at most `maxFrames` and not past `limit`.
 * Returns the payloads and the byte position after the last one; stops at a torn or corrupt frame.
 */
export const readFrames = async (
  fd: FileHandle,
  from: number,
  limit: number,
  maxFrames: number,
): Promise<{ payloads: Buffer[]; next: number; corrupt: boolean }> => {
  const payloads: Buffer[] = []
  let pos = from
  let chunk = READ_CHUNK_BYTES
  while (payloads.length < maxFrames && pos < limit) {
    const length = Math.min(chunk, limit - pos)
    const buf = Buffer.allocUnsafe(length)
    const { bytesRead } = await fd.read(buf, 0, length, pos)
    const view = buf.subarray(0, bytesRead)
    let at = 0
    let progressed = false
    while (payloads.length < maxFrames) {
      const frame = scanFrame(view, at)
      if (frame.kind === "corrupt") return { payloads, next: pos + at, corrupt: true }
      if (frame.kind === "partial") {
        // A frame larger than the chunk: read again with room for it.
        if (!progressed) {
          if (pos + frame.needBytes > limit || bytesRead < length)
            return { payloads, next: pos, corrupt: true }
          chunk = frame.needBytes
        }
        break
      }
      payloads.push(frame.payload)
      at = frame.next
      progressed = true
    }
    pos += at
    if (bytesRead < length && payloads.length < maxFrames && pos < limit) break
  }
  return { payloads, next: pos, corrupt: false }
}

/**
 * One partition of a topic as an append-only log on disk (Kafka's shape): segment files of
 * CRC-checked frames, offsets numbered from 0. Appends are group-committed: every record appended
 * while the previous write is under way goes out in one write and one fdatasync, and each
 * `append` resolves only after that fdatasync, so an acknowledgement given then survives a crash
 * of the process (and, with fsync on, of the machine). A torn tail left by a crash is cut off at
 * open: those records were never acknowledged.
 */
export class PartitionLog {
  private pending: Buffer[] = []
  private pendingValues: unknown[] = []
  private pendingBytes = 0
  private waiters: Waiter[] = []
  private flushing: Promise<void> | null = null
  private scheduled = false
  private closed = false

  private constructor(
    private readonly options: PartitionLogOptions,
    readonly segments: Segment[],
    private active: FileHandle,
    /** Offset the next durable record gets. */
    private end: number,
  ) {}

  static async open(options: PartitionLogOptions): Promise<PartitionLog> {
    await mkdir(options.dir, { recursive: true })
    const names = (await readdir(options.dir)).filter((n) => /^\d{20}\.log$/.test(n)).sort()
    const segments: Segment[] = []
    for (const name of names) {
      const path = join(options.dir, name)
      segments.push({ base: Number(name.slice(0, 20)), path, size: (await stat(path)).size })
    }
    if (segments.length === 0) segments.push({ base: 0, path: join(options.dir, segmentName(0)), size: 0 })
    const last = segments[segments.length - 1] as Segment
    const fd = await open(last.path, "a+")
    // Recovery: keep the whole frames of the active segment, cut a torn tail.
    let count = 0
    let pos = 0
    for (;;) {
      const { payloads, next, corrupt } = await readFrames(fd, pos, last.size, 100_000)
      count += payloads.length
      pos = next
      if (corrupt || payloads.length === 0) break
    }
    if (pos < last.size) await fd.truncate(pos)
    last.size = pos
    await fd.close()
    const active = await open(last.path, "r+")
    return new PartitionLog(options, segments, active, last.base + count)
  }

  /** Offset of the oldest record still on disk. */
  get startOffset(): number {
    return (this.segments[0] as Segment).base
  }

  /** Offset after the last durable record. */
  get endOffset(): number {
    return this.end
  }

  /** Bytes on disk plus bytes waiting for the next group commit. */
  get sizeBytes(): number {
    let n = this.pendingBytes
    for (const s of this.segments) n += s.size
    return n
  }

  /** Appends records; resolves once they are durable (written and, with fsync on, synced). */
  append(payloads: ReadonlyArray<Buffer>, values: ReadonlyArray<unknown>): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`log ${this.options.dir} is closed`))
    for (const p of payloads) {
      this.pending.push(p)
      this.pendingBytes += FRAME_HEADER_BYTES + p.length
    }
    for (const v of values) this.pendingValues.push(v)
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }))
    if (!this.scheduled && this.flushing === null) {
      this.scheduled = true
      setImmediate(() => {
        this.flushing = this.flush()
      })
    }
    return done
  }

  /** Deletes whole segments below `offset` (never the active one); returns the bytes freed. */
  async deleteBelow(offset: number): Promise<number> {
    let freed = 0
    while (this.segments.length > 1 && (this.segments[1] as Segment).base <= offset) {
      const old = this.segments.shift() as Segment
      await unlink(old.path).catch(() => undefined)
      freed += old.size
    }
    return freed
  }

  /** The segment holding `offset` (the active one for the end offset). */
  segmentOf(offset: number): Segment | undefined {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const segment = this.segments[i] as Segment
      if (segment.base <= offset) return segment
    }
    return undefined
  }

  async close(): Promise<void> {
    while (this.flushing !== null || this.scheduled)
      await (this.flushing ?? new Promise((r) => setImmediate(r)))
    this.closed = true
    await this.active.close()
  }

  private async flush(): Promise<void> {
    this.scheduled = false
    const payloads = this.pending
    const values = this.pendingValues
    const waiters = this.waiters
    const bytes = this.pendingBytes
    this.pending = []
    this.pendingValues = []
    this.waiters = []
    this.pendingBytes = 0
    const segment = this.segments[this.segments.length - 1] as Segment
    try {
      const buf = Buffer.allocUnsafe(bytes)
      let at = 0
      for (const p of payloads) {
        buf.writeUInt32LE(p.length, at)
        buf.writeUInt32LE(crc32(p), at + 4)
        p.copy(buf, at + FRAME_HEADER_BYTES)
        at += FRAME_HEADER_BYTES + p.length
      }
      const { bytesWritten } = await this.active.write(buf, 0, bytes, segment.size)
      if (bytesWritten !== bytes)
        throw new Error(`short write to ${segment.path}: ${bytesWritten} of ${bytes}`)
      // The durability point: after this, the records survive a crash.
      if (this.options.fsync) await this.active.datasync()
      const first = this.end
      segment.size += bytes
      this.end += payloads.length
      this.options.onDurable(first, values)
      for (const w of waiters) w.resolve()
      if (segment.size >= this.options.segmentBytes) await this.roll()
    } catch (error) {
      // Nothing was acknowledged; the next write goes to the same position and overwrites.
      for (const w of waiters) w.reject(error)
    } finally {
      this.flushing = null
      if (this.pending.length > 0) {
        this.scheduled = true
        setImmediate(() => {
          this.flushing = this.flush()
        })
      }
    }
  }

  private async roll(): Promise<void> {
    await this.active.close()
    const segment: Segment = { base: this.end, path: join(this.options.dir, segmentName(this.end)), size: 0 }
    this.active = await open(segment.path, "w+")
    this.segments.push(segment)
    if (this.options.fsync) {
      const dir = await open(this.options.dir, "r")
      await dir.sync().finally(() => dir.close())
    }
  }
}
