import { afterEach, describe, expect, it, vi } from "vitest"
import type { ExpenseView } from "./expenseColumns"
import { expenseBody, expenseValues, newExpenseValues } from "./expenseForm"

/** A service paid at 21:30 UTC on 11 March 2027: 02:30 on the 12th in Almaty, 16:30 on the 11th in New York (UTC-5). */
const service: ExpenseView = {
  id: "0b6c3c2e-8c55-4a57-9d8e-4f5a3f0c1a11",
  vehicleId: "0b6c3c2e-8c55-4a57-9d8e-4f5a3f0c1a12",
  vehicleName: "Tow truck",
  vehiclePlate: null,
  driverId: null,
  category: "service",
  amount: "12000.00",
  currency: "KZT",
  date: "2027-03-12",
  time: "2027-03-11T21:30:00.000Z",
  description: null,
  vendor: null,
  receiptDocumentId: null,
  createdBy: null,
  orgCurrency: "KZT",
  orgAmount: "12000.00",
  rate: null,
  rateDate: null,
  rateMissing: false,
  fuel: null,
}

afterEach(() => {
  vi.useRealTimers()
})

describe("an expense's day and time in the form", () => {
  it("shows the day and time on the wall clock of the zone the UI speaks", () => {
    expect(expenseValues(service, "en", "Asia/Almaty")).toMatchObject({ date: "2027-03-12", time: "02:30" })
    expect(expenseValues(service, "en", "America/New_York")).toMatchObject({
      date: "2027-03-11",
      time: "16:30",
    })
  })

  it("sends back the same instant it showed, in any zone", () => {
    for (const zone of ["Asia/Almaty", "America/New_York", "UTC"])
      expect(expenseBody(expenseValues(service, "en", zone), "en", zone).date).toBe(service.time)
  })

  it("keeps a day without a time as the day itself", () => {
    const dayOnly = { ...service, time: null }
    expect(expenseValues(dayOnly, "en", "America/New_York")).toMatchObject({ date: "2027-03-12", time: "" })
    expect(expenseBody(expenseValues(dayOnly, "en", "America/New_York"), "en", "America/New_York").date).toBe(
      "2027-03-12",
    )
  })

  it("starts a new expense on today's date in the zone, not the machine's", () => {
    vi.useFakeTimers({ now: Date.parse("2027-03-11T21:30:00.000Z") })
    expect(newExpenseValues("KZT", "Asia/Almaty").date).toBe("2027-03-12")
    expect(newExpenseValues("KZT", "America/New_York").date).toBe("2027-03-11")
  })
})
