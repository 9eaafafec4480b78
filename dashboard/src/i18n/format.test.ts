import { describe, expect, it } from "vitest"
import { compassPoint, type IntlFallback, makeFormatters } from "./format"

const fallback: IntlFallback = {
  unit: (unit, value) => `${value} <${unit}>`,
  relative: (unit, value) => `${value} <${unit}>`,
}

describe("compassPoint", () => {
  it("rounds to the nearest of eight points", () => {
    expect([0, 22, 23, 90, 180, 270, 337, 338, 360, -45].map(compassPoint)).toEqual([
      "n",
      "n",
      "ne",
      "e",
      "s",
      "w",
      "nw",
      "n",
      "n",
      "nw",
    ])
  })
})

describe("makeFormatters", () => {
  const en = makeFormatters("en", fallback, "UTC")

  it("shows speed in km/h and distance in km from SI units", () => {
    expect(en.speed(10)).toBe("36 km/h")
    expect(en.distanceKm(123_456_789)).toBe("123,456.8 km")
  })

  it("writes a place so its two numbers stay two where the decimal separator is a comma", () => {
    expect(en.position(43.2268, 76.8748)).toBe("43.22680, 76.87480")
    for (const locale of ["ru", "kk", "tr"] as const) {
      const place = makeFormatters(locale, fallback, "UTC").position(43.2268, 76.8748)
      expect(place).toBe("43,22680; 76,87480")
    }
  })

  it("says how long ago in the largest whole unit", () => {
    const now = Date.UTC(2025, 0, 1, 12)
    expect(en.relative(now, now)).toBe("now")
    expect(en.relative(now - 5_000, now)).toBe("5 seconds ago")
    expect(en.relative(now - 5 * 60_000, now)).toBe("5 minutes ago")
    expect(en.relative(now - 3 * 3_600_000, now)).toBe("3 hours ago")
    expect(en.relative(now - 86_400_000, now)).toBe("yesterday")
    // A clock a little ahead of ours must not say "in 2 seconds".
    expect(en.relative(now + 2_000, now)).toBe("now")
  })

  it("shows a duration in its two largest units", () => {
    expect([20.565, 0, 303, 3_600, 7_530, 3 * 86_400 + 4 * 3_600 + 59].map(en.duration)).toEqual([
      "21 sec",
      "0 sec",
      "5 min 3 sec",
      "1 hr",
      "2 hr 5 min",
      "3 days 4 hr",
    ])
    expect(makeFormatters("ru", fallback, "UTC").duration(7_530)).toBe("2 ч 5 мин")
  })

  it("shows an instant on the wall clock of the zone it is given, whatever the machine's zone", () => {
    const at = Date.UTC(2027, 2, 12, 3, 30)
    // Almaty is UTC+5 all year; New York is on summer time (UTC-4) from 14 March 2027.
    expect(makeFormatters("en", fallback, "Asia/Almaty").dateTime(at)).toBe("Mar 12, 2027, 8:30:00 AM")
    expect(makeFormatters("en", fallback, "America/New_York").dateTime(at)).toBe("Mar 11, 2027, 10:30:00 PM")
    expect(makeFormatters("ru", fallback, "Asia/Almaty").dateTime(at)).toBe("12 мар. 2027 г., 08:30:00")
  })

  it("formats in the chosen language", () => {
    expect(makeFormatters("ru", fallback, "UTC").speed(10)).toBe("36 км/ч")
    expect(makeFormatters("tr", fallback, "UTC").speed(10)).toBe("36 km/sa")
  })

  it("formats money from its decimal string, never through a float", () => {
    // 9007199254740993 is not representable as a double: a float would print …992.
    expect(en.money("9007199254740993.01", "USD")).toBe("$9,007,199,254,740,993.01")
  })

  it("keeps every decimal of a rate and shows a calendar day without a zone shift", () => {
    expect(en.rate("512.3456", "KZT")).toBe("₸512.3456")
    expect(en.day("2026-03-01")).toBe("Mar 1, 2026")
  })
})
