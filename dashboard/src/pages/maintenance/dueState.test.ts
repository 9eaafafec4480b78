import { describe, expect, it } from "vitest"
import { columnOf, dueState, monthGrid, shiftMonth, type TaskView } from "./dueState"

const task = (over: Partial<TaskView>): TaskView => ({
  id: "00000000-0000-4000-8000-000000000001",
  vehicleId: "00000000-0000-4000-8000-000000000002",
  vehicleName: "Van",
  vehiclePlate: null,
  templateId: null,
  name: "Oil",
  status: "scheduled",
  dueOdometerKm: null,
  dueDate: null,
  currentOdometerKm: null,
  remindersSent: [],
  startedAt: null,
  completedOn: null,
  completedOdometerKm: null,
  cost: null,
  currency: null,
  vendor: null,
  parts: [],
  notes: null,
  expenseId: null,
  completedBy: null,
  ...over,
})

describe("dueState", () => {
  it("counts days and km left and is overdue past either", () => {
    expect(dueState(task({ dueDate: "2026-12-20" }), "2026-12-01")).toEqual({
      days: 19,
      km: null,
      level: "ok",
    })
    expect(dueState(task({ dueDate: "2026-12-05" }), "2026-12-01").level).toBe("soon")
    expect(dueState(task({ dueOdometerKm: 60_000, currentOdometerKm: 59_700 }), "2026-12-01")).toEqual({
      days: null,
      km: 300,
      level: "soon",
    })
    expect(
      dueState(
        task({ dueDate: "2027-01-20", dueOdometerKm: 60_000, currentOdometerKm: 60_100 }),
        "2026-12-01",
      ),
    ).toEqual({ days: 50, km: -100, level: "overdue" })
    expect(dueState(task({ dueDate: "2026-11-30" }), "2026-12-01")).toMatchObject({
      days: -1,
      level: "overdue",
    })
  })
  it("puts overdue tasks in the scheduled column and cancelled ones nowhere", () => {
    expect(columnOf("overdue")).toBe("scheduled")
    expect(columnOf("in_progress")).toBe("in_progress")
    expect(columnOf("cancelled")).toBeNull()
  })
})

describe("monthGrid", () => {
  it("spans whole weeks from Monday", () => {
    const december = monthGrid("2026-12")
    expect(december[0]).toBe("2026-11-30")
    expect(december).toHaveLength(35)
    expect(december.at(-1)).toBe("2027-01-03")
    expect(shiftMonth("2026-12", 1)).toBe("2027-01")
    expect(shiftMonth("2026-01", -1)).toBe("2025-12")
  })
})
