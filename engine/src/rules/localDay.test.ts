import { PerformanceObserver } from "node:perf_hooks"
import { describe, expect, it } from "vitest"
import { localDayKey, localDayOf, localMidnight } from "./localDay.js"

const HOUR_MS = 3_600_000

/** The day an independent formatter (Intl, not TZDate) reads for an instant in a zone. */
const formats = new Map<string, Intl.DateTimeFormat>()
const intlDay = (zone: string, ms: number): string => {
  let format = formats.get(zone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    })
    formats.set(zone, format)
  }
  return format.format(ms)
}

describe("localDayOf", () => {
  it("gives Europe/Berlin's spring-forward day 23 hours and its autumn one 25", () => {
    const spring = localDayOf("Europe/Berlin", Date.UTC(2025, 2, 30, 12))
    expect(spring).toEqual({
      key: "2025-03-30",
      startMs: Date.UTC(2025, 2, 29, 23),
      endMs: Date.UTC(2025, 2, 30, 22),
    })
    expect(spring.endMs - spring.startMs).toBe(23 * HOUR_MS)
    const autumn = localDayOf("Europe/Berlin", Date.UTC(2025, 9, 26, 12))
    expect(autumn.key).toBe("2025-10-26")
    expect(autumn.endMs - autumn.startMs).toBe(25 * HOUR_MS)
  })

  it("starts America/Santiago's day at 01:00 where the clocks skip midnight", () => {
    // 2025-09-07: 00:00 -04 becomes 01:00 -03; the day's first instant is 04:00 UTC.
    const skipped = localDayOf("America/Santiago", Date.UTC(2025, 8, 7, 12))
    expect(skipped).toEqual({
      key: "2025-09-07",
      startMs: Date.UTC(2025, 8, 7, 4),
      endMs: Date.UTC(2025, 8, 8, 3),
    })
    const before = localDayOf("America/Santiago", Date.UTC(2025, 8, 7, 3, 59, 59, 999))
    expect(before.key).toBe("2025-09-06")
    expect(before.endMs).toBe(skipped.startMs)
    expect(localMidnight("America/Santiago", "2025-09-07")).toBe(skipped.startMs)
  })

  it("puts 00:00–05:00 of a UTC+5 zone on its own day, not the day before", () => {
    // Asia/Almaty and Asia/Tashkent are UTC+5: local midnight is 19:00 UTC the evening before.
    for (const zone of ["Asia/Almaty", "Asia/Tashkent"]) {
      expect(localDayOf(zone, Date.UTC(2026, 11, 6, 19))).toEqual({
        key: "2026-12-07",
        startMs: Date.UTC(2026, 11, 6, 19),
        endMs: Date.UTC(2026, 11, 7, 19),
      })
      expect(localDayKey(zone, Date.UTC(2026, 11, 6, 18, 59, 59, 999))).toBe("2026-12-06")
      expect(localDayKey(zone, Date.UTC(2026, 11, 6, 23, 30))).toBe("2026-12-07")
    }
  })

  it("rolls over months and years", () => {
    expect(localDayOf("Asia/Almaty", Date.UTC(2026, 11, 31, 20))).toEqual({
      key: "2027-01-01",
      startMs: Date.UTC(2026, 11, 31, 19),
      endMs: Date.UTC(2027, 0, 1, 19),
    })
    expect(localDayKey("UTC", Date.UTC(2025, 0, 31, 23, 59, 59, 999))).toBe("2025-01-31")
    expect(localDayKey("UTC", Date.UTC(2025, 1, 1))).toBe("2025-02-01")
  })
})

describe("localDayKey", () => {
  it("agrees with Intl for every quarter hour around DST changes, in and out of order", () => {
    const spans: ReadonlyArray<[string, number]> = [
      ["Europe/Berlin", Date.UTC(2025, 2, 28)],
      ["Europe/Berlin", Date.UTC(2025, 9, 24)],
      ["America/Santiago", Date.UTC(2025, 3, 4)],
      ["America/Santiago", Date.UTC(2025, 8, 5)],
      ["America/New_York", Date.UTC(2025, 10, 1)],
      ["Asia/Almaty", Date.UTC(2026, 11, 5)],
      ["Australia/Lord_Howe", Date.UTC(2025, 3, 4)],
    ]
    for (const [zone, fromMs] of spans) {
      for (let t = fromMs; t < fromMs + 4 * 24 * HOUR_MS; t += 15 * 60_000) {
        expect(localDayKey(zone, t)).toBe(intlDay(zone, t))
        // A late point a day back, then the newest again: the cache answers both correctly.
        expect(localDayKey(zone, t - 24 * HOUR_MS)).toBe(intlDay(zone, t - 24 * HOUR_MS))
        expect(localDayKey(zone, t + 1)).toBe(intlDay(zone, t + 1))
      }
    }
  })

  it("allocates nothing for points on a day already looked up", async () => {
    const collections = async (run: () => void): Promise<number> => {
      let count = 0
      const observer = new PerformanceObserver((list) => {
        count += list.getEntries().length
      })
      observer.observe({ entryTypes: ["gc"] })
      run()
      // GC entries are delivered asynchronously.
      await new Promise((resolve) => setTimeout(resolve, 50))
      observer.disconnect()
      return count
    }
    const start = Date.UTC(2026, 11, 7, 3)
    localDayKey("Asia/Almaty", start)
    let same = 0
    const cached = await collections(() => {
      for (let i = 0; i < 300_000; i++)
        if (localDayKey("Asia/Almaty", start + (i % 36_000_000)) === "2026-12-07") same++
    })
    expect(same).toBe(300_000)
    // A day computed per point (TZDate) churns through the young generation over and over.
    const computed = await collections(() => {
      for (let i = 0; i < 10_000; i++) localDayOf("Asia/Almaty", start + i)
    })
    expect(computed).toBeGreaterThan(2)
    // Per point, the cached path must collect at least ten times less often than the computed one
    // (300,000 points against 10,000). An absolute "at most one" also counted the collections of
    // the test worker's own work in the window: 2 or 3 on a quiet machine, 0 or 1 under load.
    expect(cached / 300_000).toBeLessThanOrEqual(computed / 10_000 / 10)
  })
})
