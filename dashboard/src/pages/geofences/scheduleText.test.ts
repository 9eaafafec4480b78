import { createRoot } from "solid-js"
import { describe, expect, it } from "vitest"
import { createI18n } from "../../i18n/createI18n"
import { scheduleText } from "./scheduleText"

const { t } = createRoot(() => createI18n(() => "en"))

describe("schedule text", () => {
  it("says always without a schedule", () => {
    expect(scheduleText(t, null)).toBe("Always")
  })
  it("joins consecutive days into ranges, in week order", () => {
    expect(scheduleText(t, { days: ["fri", "mon", "tue", "wed", "thu"], from: "08:00", to: "18:00" })).toBe(
      "Mon–Fri 08:00–18:00",
    )
    expect(scheduleText(t, { days: ["mon", "wed", "sat", "sun"], from: "22:00", to: "06:00" })).toBe(
      "Mon, Wed, Sat–Sun 22:00–06:00",
    )
  })
  it("says every day for all seven", () => {
    const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const
    expect(scheduleText(t, { days: [...days], from: "00:00", to: "00:00" })).toBe("Every day 00:00–00:00")
  })
})
