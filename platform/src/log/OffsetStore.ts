import { constants } from "node:fs"
import { type FileHandle, open, readdir, readFile } from "node:fs/promises"
import { join } from "node:path"

interface GroupOffset {
  /** Next offset the group will read. */
  latest: number
  written: number
  handle: FileHandle | null
}

export interface OffsetStoreHooks {
  /** Offsets reached the disk (what retention may rely on). */
  readonly onWritten: () => void
  /** A write failed; it is retried with the next one. */
  readonly onError: (error: unknown) => void
}

const SUFFIX = ".offset"
/** Offsets are written at most this often: a crash redelivers at most this much more (idempotent). */
const WRITE_EVERY_MS = 200
const WIDTH = 20

/**
 * Committed consumer offsets of one partition, one small file per consumer group. A group commits
 * only after its handler finished, so after a crash it resumes at or before the first record it
 * had not finished: at-least-once, and the sinks are idempotent. Commits are kept in memory and
 * written together every 200 ms, each as one fixed-width write at the start of the group's file
 * (a single small write cannot be half-seen after a process crash; a file torn by a power loss
 * reads as unparsable and restarts the group at the log's start: a replay, never a loss).
 */
export class OffsetStore {
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> | null = null

  private constructor(
    private readonly dir: string,
    private readonly groups: Map<string, GroupOffset>,
    private readonly hooks: OffsetStoreHooks,
  ) {}

  static async open(dir: string, hooks: OffsetStoreHooks): Promise<OffsetStore> {
    const groups = new Map<string, GroupOffset>()
    for (const name of await readdir(dir)) {
      if (!name.endsWith(SUFFIX)) continue
      const text = await readFile(join(dir, name), "utf8").catch(() => "")
      const offset = Number(text.trim())
      const value = Number.isSafeInteger(offset) && offset >= 0 ? offset : 0
      groups.set(decodeURIComponent(name.slice(0, -SUFFIX.length)), {
        latest: value,
        written: value,
        handle: null,
      })
    }
    return new OffsetStore(dir, groups, hooks)
  }

  get(group: string): number | undefined {
    return this.groups.get(group)?.latest
  }

  /** The lowest offset on disk over every group this partition has ever had. */
  min(): number | undefined {
    let min: number | undefined
    for (const g of this.groups.values()) if (min === undefined || g.written < min) min = g.written
    return min
  }

  /** Records that `group` finished every record before `offset`; written within 200 ms. */
  commit(group: string, offset: number): void {
    let entry = this.groups.get(group)
    if (entry === undefined) {
      entry = { latest: offset, written: -1, handle: null }
      this.groups.set(group, entry)
    }
    entry.latest = Math.max(entry.latest, offset)
    if (this.timer === null && this.writing === null)
      this.timer = setTimeout(() => this.write(), WRITE_EVERY_MS)
  }

  /** Writes every commit so far now. */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    while (this.writing !== null) await this.writing
    await this.write()
  }

  async close(): Promise<void> {
    await this.flush()
    for (const g of this.groups.values()) {
      await g.handle?.close()
      g.handle = null
    }
  }

  private write(): Promise<void> {
    this.timer = null
    this.writing = (async () => {
      try {
        await this.writeDirty()
      } catch (error) {
        this.hooks.onError(error)
      }
    })().finally(() => {
      this.writing = null
      const dirty = [...this.groups.values()].some((g) => g.written < g.latest)
      if (dirty && this.timer === null) this.timer = setTimeout(() => this.write(), WRITE_EVERY_MS)
    })
    return this.writing
  }

  private async writeDirty(): Promise<void> {
    let wrote = false
    for (const [group, entry] of this.groups) {
      if (entry.written >= entry.latest) continue
      const value = entry.latest
      entry.handle ??= await open(
        join(this.dir, `${encodeURIComponent(group)}${SUFFIX}`),
        constants.O_RDWR | constants.O_CREAT,
        0o644,
      )
      await entry.handle.write(String(value).padStart(WIDTH, "0"), 0)
      entry.written = value
      wrote = true
    }
    if (wrote) this.hooks.onWritten()
  }
}
