import { describe, expect, it } from "vitest"
import { dayIn, monthsOf, reportPeriod } from "./reportPeriod.js"

describe("reportPeriod", () => {
  it("counts presets in calendar months, with each month's real last day", () => {
    expect(reportPeriod({ period: "thisMonth" }, "2024-02-10")).toEqual({
      preset: "thisMonth",
      from: "2024-02-01",
      to: "2024-02-29",
    })
    expect(reportPeriod({ period: "lastMonth" }, "2025-01-15")).toMatchObject({
      from: "2024-12-01",
      to: "2024-12-31",
    })
    expect(reportPeriod({ period: "lastMonth" }, "2025-03-31")).toMatchObject({
      from: "2025-02-01",
      to: "2025-02-28",
    })
    expect(reportPeriod({ period: "thisQuarter" }, "2025-08-20")).toMatchObject({
      from: "2025-07-01",
      to: "2025-09-30",
    })
    expect(reportPeriod({ period: "thisQuarter" }, "2025-12-31")).toMatchObject({
      from: "2025-10-01",
      to: "2025-12-31",
    })
    expect(reportPeriod({ period: "thisYear" }, "2025-06-01")).toMatchObject({
      from: "2025-01-01",
      to: "2025-12-31",
    })
    expect(reportPeriod({ period: "last12Months" }, "2025-03-05")).toMatchObject({
      from: "2024-04-01",
      to: "2025-03-31",
    })
  })

  it("defaults to this month, and to custom when from/to are given", () => {
    expect(reportPeriod({}, "2025-04-02")).toMatchObject({
      preset: "thisMonth",
      from: "2025-04-01",
      to: "2025-04-30",
    })
    expect(reportPeriod({ from: "2025-01-03", to: "2025-01-09" }, "2025-04-02")).toEqual({
      preset: "custom",
      from: "2025-01-03",
      to: "2025-01-09",
    })
  })

  it("refuses a custom period that is incomplete, reversed or longer than 366 days", () => {
    const code = (f: () => unknown) => {
      try {
        f()
        return "accepted"
      } catch (e) {
        return (e as { code: string }).code
      }
    }
    expect(code(() => reportPeriod({ period: "custom", from: "2025-01-01" }, "2025-04-02"))).toBe(
      "FLEET_REPORT_PERIOD_INVALID",
    )
    expect(
      code(() => reportPeriod({ period: "custom", from: "2025-02-01", to: "2025-01-01" }, "2025-04-02")),
    ).toBe("FLEET_REPORT_PERIOD_INVALID")
    expect(
      code(() => reportPeriod({ period: "custom", from: "2024-01-01", to: "2025-01-01" }, "2025-04-02")),
    ).toBe("FLEET_REPORT_PERIOD_INVALID")
    expect(
      code(() => reportPeriod({ period: "custom", from: "2024-01-01", to: "2024-12-31" }, "2025-04-02")),
    ).toBe("accepted")
    expect(code(() => reportPeriod({ period: "thisYear", from: "2024-01-01" }, "2025-04-02"))).toBe(
      "FLEET_REPORT_PERIOD_INVALID",
    )
  })

  it("takes today in the organisation's time zone: Almaty is already in the next month", () => {
    const now = new Date("2025-01-31T20:30:00Z")
    expect(dayIn("Asia/Almaty", now)).toBe("2025-02-01")
    expect(dayIn("Europe/Istanbul", now)).toBe("2025-01-31")
    expect(reportPeriod({ period: "thisMonth" }, dayIn("Asia/Almaty", now))).toMatchObject({
      from: "2025-02-01",
    })
  })

  it("lists the months a period touches", () => {
    expect(monthsOf({ from: "2024-11-15", to: "2025-02-03" })).toEqual([
      "2024-11-01",
      "2024-12-01",
      "2025-01-01",
      "2025-02-01",
    ])
  })
})
