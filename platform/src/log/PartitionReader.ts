import { type FileHandle, open } from "node:fs/promises"
import { type PartitionLog, readFrames, type Segment } from "./PartitionLog.js"

/**
 * Reads a partition's records from disk, for a consumer that is behind what is kept in memory
 * (after a restart, or after falling far behind). Keeps its place, so sequential reads cost one
 * `read` per megabyte; a jump re-scans the segment from its start.
 */
export class PartitionReader {
  private cursor: { segment: Segment; fd: FileHandle; pos: number; offset: number } | null = null

  constructor(private readonly log: PartitionLog) {}

  /** Up to `max` record payloads from `offset` on (never past the durable end). */
  async read(offset: number, max: number): Promise<Buffer[]> {
    if (this.cursor === null || this.cursor.offset !== offset) await this.seek(offset)
    let cursor = this.cursor as NonNullable<PartitionReader["cursor"]>
    while (cursor.pos >= cursor.segment.size) {
      // At the end of a segment, the next one starts at the next offset (if it exists yet).
      const following = this.log.segments.find((s) => s.base === cursor.offset)
      if (following === undefined || following === cursor.segment) return []
      await this.openAt(following, following.base)
      cursor = this.cursor as NonNullable<PartitionReader["cursor"]>
    }
    const { payloads, next, corrupt } = await readFrames(cursor.fd, cursor.pos, cursor.segment.size, max)
    if (corrupt) throw new Error(`corrupt record in ${cursor.segment.path} at byte ${next}`)
    cursor.pos = next
    cursor.offset += payloads.length
    return payloads
  }

  async close(): Promise<void> {
    await this.cursor?.fd.close()
    this.cursor = null
  }

  private async seek(offset: number): Promise<void> {
    const found = this.log.segmentOf(offset)
    if (found === undefined || offset < this.log.startOffset) {
      throw new Error(`offset ${offset} is no longer in the log (starts at ${this.log.startOffset})`)
    }
    await this.openAt(found, found.base)
    const cursor = this.cursor as NonNullable<PartitionReader["cursor"]>
    while (cursor.offset < offset) {
      const { payloads, next, corrupt } = await readFrames(
        cursor.fd,
        cursor.pos,
        cursor.segment.size,
        offset - cursor.offset,
      )
      if (corrupt || payloads.length === 0)
        throw new Error(`cannot reach offset ${offset} in ${cursor.segment.path}`)
      cursor.pos = next
      cursor.offset += payloads.length
    }
  }

  private async openAt(segment: Segment, offset: number): Promise<void> {
    await this.cursor?.fd.close()
    this.cursor = { segment, fd: await open(segment.path, "r"), pos: 0, offset }
  }
}
