import { constants, writeSync } from "node:fs"
import { type FileHandle, mkdir, open, readdir, stat, unlink } from "node:fs/promises"
import { join } from "node:path"
import { crc32 } from "node:zlib"
import { FRAME_HEADER_BYTES, scanFrame } from "./recordFrame.js"

export interface PartitionLogOptions {
  /** The partition's folder; segments are `<first offset, 20 digits>.log` files in it. */
  readonly dir: string
  /** A segment is closed and a new one started once it holds this many bytes. */
  readonly segmentBytes: number
  /**
   * `always`: each group commit is on the device (O_DSYNC) before its appends resolve: survives a
   * power loss, at one device round trip per commit. `interval`: each group commit is written to
   * the OS (a synchronous write, so the appends resolve within the same event-loop turn), which
   * survives the death of any process; `sync()` (every 100 ms from the bus) puts it on the device.
   */
  readonly durability: "always" | "interval"
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

/** A group commit the appends staged for it wait on: one promise, however many appends. */
interface Commit {
  readonly done: Promise<void>
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

const nextCommit = (): Commit => {
  let resolve: () => void = () => undefined
  let reject: (error: unknown) => void = () => undefined
  const done = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { done, resolve, reject }
}

const READ_CHUNK_BYTES = 1024 * 1024
const LINGER_MS = 2
/** A staging buffer's size to start with, and the most it keeps after a burst grew it. */
const STAGING_BYTES = 64 * 1024
const STAGING_KEPT_BYTES = 4 * 1024 * 1024
/** The active segment: positioned writes, each on the device before it returns in `always` mode. */
const writeFlags = (durability: PartitionLogOptions["durability"]) =>
  constants.O_RDWR | constants.O_CREAT | (durability === "always" ? constants.O_DSYNC : 0)
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
 * while the previous write is under way goes out in one synchronous-data (O_DSYNC) write, and
 * each `append` resolves only after it, so an acknowledgement given then survives a crash of the
 * process (and, with fsync on, of the machine). A torn tail left by a crash is cut off at
 * open: those records were never acknowledged.
 */
export class PartitionLog {
  /**
   * The frames of the next group commit, written as records are appended, and a spare the size
   * of the last one: a commit writes one while appends fill the other. Reused, so a commit costs
   * no buffer (a fresh one per commit and one per record were most of the external memory the
   * process allocated under load, and each 32 MiB of it forces a young-generation collection).
   */
  private staging = Buffer.allocUnsafeSlow(STAGING_BYTES)
  private spare = Buffer.allocUnsafeSlow(STAGING_BYTES)
  private pendingValues: unknown[] = []
  private pendingBytes = 0
  /** Records appended and not yet durable (waiting for, or in, a group commit). */
  private accepted = 0
  /** What the appends staged since the last commit wait on (null while none is staged). */
  private commit: Commit | null = null
  private flushing: Promise<void> | null = null
  private scheduled = false
  private closed = false
  /** Written since the last `sync` (interval mode). */
  private unsynced = false
  /** A segment is being closed and the next opened: `active` may be a closed handle meanwhile. */
  private rolling = false

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
    const active = await open(last.path, writeFlags(options.durability))
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

  /** Offset after the last record appended, durable or not yet. */
  get appendedOffset(): number {
    return this.end + this.accepted
  }

  /** Bytes on disk plus bytes waiting for the next group commit. */
  get sizeBytes(): number {
    let n = this.pendingBytes
    for (const s of this.segments) n += s.size
    return n
  }

  /**
   * Appends records; resolves once they are durable (written and, with fsync on, synced). Each
   * value's payload (`encode`: JSON text or bytes, which need only stay valid until the next
   * call) is framed into the next commit's buffer at once; a value that fails to encode appends
   * nothing of the call.
   */
  append(values: ReadonlyArray<unknown>, encode: (value: unknown) => string | Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`log ${this.options.dir} is closed`))
    const before = this.pendingBytes
    try {
      for (const v of values) this.stage(encode(v))
    } catch (error) {
      this.pendingBytes = before
      return Promise.reject(error)
    }
    for (const v of values) this.pendingValues.push(v)
    this.accepted += values.length
    this.commit ??= nextCommit()
    if (!this.scheduled && this.flushing === null) this.schedule()
    return this.commit.done
  }

  /** Writes one record's frame after the staged ones. */
  private stage(payload: string | Uint8Array): void {
    const most = FRAME_HEADER_BYTES + (typeof payload === "string" ? payload.length * 3 : payload.byteLength)
    if (this.pendingBytes + most > this.staging.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.staging.length * 2, this.pendingBytes + most))
      this.staging.copy(grown, 0, 0, this.pendingBytes)
      this.staging = grown
    }
    const buf = this.staging
    const at = this.pendingBytes
    let length: number
    if (typeof payload === "string") length = buf.write(payload, at + FRAME_HEADER_BYTES, "utf8")
    else {
      buf.set(payload, at + FRAME_HEADER_BYTES)
      length = payload.byteLength
    }
    buf.writeUInt32LE(length, at)
    buf.writeUInt32LE(crc32(buf.subarray(at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + length)), at + 4)
    this.pendingBytes = at + FRAME_HEADER_BYTES + length
  }

  /**
   * The next group commit, `LINGER_MS` from now: what arrives meanwhile joins it (Kafka's
   * linger.ms). One write per partition per linger, not per event-loop turn, keeps the system
   * calls on the main thread few under load, for at most that much more acknowledgement latency.
   */
  private schedule(): void {
    this.scheduled = true
    setTimeout(() => {
      this.scheduled = false
      // flush() may finish synchronously (interval mode): track it before it can settle.
      const run = this.flush()
      this.flushing = run
      void run.finally(() => {
        if (this.flushing === run) this.flushing = null
        if (this.pendingValues.length > 0 && !this.scheduled && this.flushing === null) this.schedule()
      })
    }, LINGER_MS)
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

  /** Puts what was written on the device (interval mode; the bus calls it every 100 ms). */
  async sync(): Promise<void> {
    // While rolling, the segment being closed is synced by `roll` itself, and nothing is written yet
    // to the next one (a flush awaits its roll).
    if (!this.unsynced || this.closed || this.rolling) return
    this.unsynced = false
    await this.active.datasync()
  }

  async close(): Promise<void> {
    while (this.flushing !== null || this.scheduled)
      await (this.flushing ?? new Promise((r) => setTimeout(r, LINGER_MS)))
    await this.sync()
    this.closed = true
    await this.active.close()
  }

  private async flush(): Promise<void> {
    const buf = this.staging
    const values = this.pendingValues
    const commit = this.commit
    const bytes = this.pendingBytes
    // Appends from now on fill the spare (a commit runs only after the one before has finished).
    this.staging = this.spare.length > STAGING_KEPT_BYTES ? Buffer.allocUnsafeSlow(STAGING_BYTES) : this.spare
    this.spare = buf
    this.pendingValues = []
    this.commit = null
    this.pendingBytes = 0
    const segment = this.segments[this.segments.length - 1] as Segment
    let durable = false
    try {
      // The durability point. `always`: the O_DSYNC write returns once the data is on the device.
      // `interval`: it returns once the OS has it, which the death of any process cannot undo.
      const bytesWritten =
        this.options.durability === "always"
          ? (await this.active.write(buf, 0, bytes, segment.size)).bytesWritten
          : writeSync(this.active.fd, buf, 0, bytes, segment.size)
      this.unsynced = this.options.durability === "interval"
      if (bytesWritten !== bytes)
        throw new Error(`short write to ${segment.path}: ${bytesWritten} of ${bytes}`)
      const first = this.end
      segment.size += bytes
      this.end += values.length
      this.accepted -= values.length
      durable = true
      this.options.onDurable(first, values)
      commit?.resolve()
      if (segment.size >= this.options.segmentBytes) await this.roll()
    } catch (error) {
      // Nothing was acknowledged; the next write goes to the same position and overwrites.
      if (!durable) this.accepted -= values.length
      commit?.reject(error)
    }
  }

  private async roll(): Promise<void> {
    this.rolling = true
    try {
      // The closed segment goes to the device whatever the mode: only the active one is ever unsynced.
      if (this.options.durability === "interval") await this.active.datasync()
      await this.active.close()
      const segment: Segment = {
        base: this.end,
        path: join(this.options.dir, segmentName(this.end)),
        size: 0,
      }
      this.active = await open(segment.path, writeFlags(this.options.durability) | constants.O_TRUNC)
      this.unsynced = false
      this.segments.push(segment)
    } finally {
      this.rolling = false
    }
    const dir = await open(this.options.dir, "r")
    await dir.sync().finally(() => dir.close())
  }
}
