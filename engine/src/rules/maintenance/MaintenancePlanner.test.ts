import { describe, expect, it } from "vitest"
import { addMonths, planService } from "./MaintenancePlanner.js"

const oil = { everyKm: 10_000, everyMonths: 6 }
const base = { odometerKm: 50_000, date: "2026-01-15" }

describe("maintenance planner", () => {
  it("adds months, clamping to the month's end", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28")
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29")
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28")
    expect(addMonths("2026-05-15", 12)).toBe("2027-05-15")
  })

  it("is due by km first for a vehicle that drives a lot", () => {
    const p = planService(oil, base, { odometerKm: 59_700, today: "2026-03-01" })
    expect(p).toMatchObject({
      dueOdometerKm: 60_000,
      dueDate: "2026-07-15",
      status: "upcoming",
      dueBy: "km",
      remainingKm: 300,
    })
  })

  it("is due by date first for a vehicle that stands still", () => {
    const p = planService(oil, base, { odometerKm: 51_000, today: "2026-07-05" })
    expect(p).toMatchObject({ status: "upcoming", dueBy: "date", remainingDays: 10, remindersDue: [14] })
  })

  it("is overdue past the odometer or past the date, whichever first", () => {
    expect(planService(oil, base, { odometerKm: 60_000, today: "2026-03-01" }).status).toBe("overdue")
    expect(planService(oil, base, { odometerKm: 52_000, today: "2026-07-16" }).status).toBe("overdue")
    expect(planService(oil, base, { odometerKm: 52_000, today: "2026-07-15" }).status).toBe("upcoming")
  })

  it("is not upcoming outside both windows", () => {
    expect(planService(oil, base, { odometerKm: 55_000, today: "2026-04-01" })).toMatchObject({
      status: "ok",
      remindersDue: [],
    })
  })

  it("reaches the 14/7/3/1-day reminders one by one", () => {
    const at = (today: string) => planService(oil, base, { odometerKm: 51_000, today }).remindersDue
    expect(at("2026-06-30")).toEqual([])
    expect(at("2026-07-01")).toEqual([14])
    expect(at("2026-07-08")).toEqual([14, 7])
    expect(at("2026-07-14")).toEqual([14, 7, 3, 1])
  })

  it("plans from a completed service for the next one", () => {
    const next = planService(
      oil,
      { odometerKm: 59_900, date: "2026-06-20" },
      { odometerKm: 59_950, today: "2026-06-21" },
    )
    expect(next).toMatchObject({ dueOdometerKm: 69_900, dueDate: "2026-12-20", status: "ok" })
  })

  it("works with only a distance or only a period", () => {
    expect(
      planService({ everyKm: null, everyMonths: 12 }, base, { odometerKm: null, today: "2027-01-10" }),
    ).toMatchObject({
      dueBy: "date",
      status: "upcoming",
    })
    expect(
      planService({ everyKm: 15_000, everyMonths: null }, base, { odometerKm: null, today: "2030-01-01" }),
    ).toMatchObject({
      status: "ok",
      dueDate: null,
    })
  })
})
