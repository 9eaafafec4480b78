import { readdir, readFile, rename, writeFile } from "node:fs/promises"
import { join } from "node:path"

interface GroupOffset {
  /** Next offset the group will read. */
  latest: number
  written: number
  writing: Promise<void> | null
}

const SUFFIX = ".offset"

/**
 * Committed consumer offsets of one partition, one small file per consumer group, replaced
 * atomically (write, then rename). A group commits only after its handler finished, so after a
 * crash it resumes at or before the first record it had not finished: at-least-once, and the
 * sinks are idempotent. Writes are coalesced: one in flight per group, the newest offset next.
 */
export class OffsetStore {
  private constructor(
    private readonly dir: string,
    private readonly groups: Map<string, GroupOffset>,
  ) {}

  static async open(dir: string): Promise<OffsetStore> {
    const groups = new Map<string, GroupOffset>()
    for (const name of await readdir(dir)) {
      if (!name.endsWith(SUFFIX)) continue
      const text = await readFile(join(dir, name), "utf8").catch(() => "")
      const offset = Number(text.trim())
      // An unreadable file (torn by a power loss) restarts the group at the log's start: replay, not loss.
      const value = Number.isSafeInteger(offset) && offset >= 0 ? offset : 0
      groups.set(decodeURIComponent(name.slice(0, -SUFFIX.length)), {
        latest: value,
        written: value,
        writing: null,
      })
    }
    return new OffsetStore(dir, groups)
  }

  get(group: string): number | undefined {
    return this.groups.get(group)?.latest
  }

  /** The lowest committed offset over every group this partition has ever had. */
  min(): number | undefined {
    let min: number | undefined
    for (const g of this.groups.values()) if (min === undefined || g.written < min) min = g.written
    return min
  }

  /** Records that `group` finished every record before `offset`; written soon after. */
  commit(group: string, offset: number): Promise<void> {
    let entry = this.groups.get(group)
    if (entry === undefined) {
      entry = { latest: offset, written: -1, writing: null }
      this.groups.set(group, entry)
    }
    entry.latest = Math.max(entry.latest, offset)
    if (entry.writing === null && entry.written < entry.latest) entry.writing = this.write(group, entry)
    return entry.writing ?? Promise.resolve()
  }

  /** Waits until every commit so far is on disk. */
  async flush(): Promise<void> {
    for (const entry of this.groups.values()) while (entry.writing !== null) await entry.writing
  }

  private async write(group: string, entry: GroupOffset): Promise<void> {
    try {
      while (entry.written < entry.latest) {
        const value = entry.latest
        const file = join(this.dir, `${encodeURIComponent(group)}${SUFFIX}`)
        await writeFile(`${file}.tmp`, String(value))
        await rename(`${file}.tmp`, file)
        entry.written = value
      }
    } finally {
      entry.writing = null
    }
  }
}
