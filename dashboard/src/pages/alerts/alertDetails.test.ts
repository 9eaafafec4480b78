import { flatten, resolveTemplate, translator } from "@solid-primitives/i18n"
import { describe, expect, it } from "vitest"
import type { I18n } from "../../i18n/createI18n"
import { makeFormatters } from "../../i18n/format"
import { dictionaries, type Locale } from "../../i18n/locales"
import { alertFacts, detailFacts } from "./alertDetails"

const words = (locale: Locale) => {
  const dict = flatten(dictionaries[locale])
  const t = translator(() => dict, resolveTemplate) as I18n["t"]
  const format = makeFormatters(
    locale,
    {
      unit: (unit, value) => t(`intlFallback.${unit}`, { value }),
      relative: (unit, value) => t(`intlFallback.${unit}`, { value }),
    },
    "Asia/Almaty",
  )
  return { t, format }
}
const en = words("en")
const ru = words("ru")

const alert = (type: string, details: Record<string, unknown>, subjectName: string | null = null) => ({
  type,
  key: "",
  vehicleId: "0b6c3c2e-8c55-4a57-9d8e-4f5a3f0c1a11",
  details,
  subjectName,
})
/** Label and value; Intl's no-break spaces (Russian digit groups, "₸" after the amount) as plain ones. */
const shown = (facts: ReadonlyArray<{ label: string; value: string }>) =>
  facts.map((f) => [f.label, f.value.replace(/[\u00a0\u202f]/gu, " ")])

describe("alertFacts", () => {
  it("shows an odometer rollback in km and its elapsed time as a duration, in the rule's order", () => {
    // jsonb hands the keys back shortest first; the page lists them as the rule means them.
    const details = {
      currentM: 110_000_000,
      elapsedS: 20.565,
      decreaseM: 10_057_666.700000003,
      previousM: 120_057_666.7,
    }
    expect(shown(alertFacts(en.t, en.format, alert("odometer_rollback", details)))).toEqual([
      ["Odometer before", "120,057.7 km"],
      ["Odometer after", "110,000 km"],
      ["Rolled back by", "10,057.7 km"],
      ["Time between readings", "21 sec"],
    ])
    expect(shown(alertFacts(ru.t, ru.format, alert("odometer_rollback", details)))).toEqual([
      ["Одометр до", "120 057,7 км"],
      ["Одометр после", "110 000 км"],
      ["Откат на", "10 057,7 км"],
      ["Время между показаниями", "21 с"],
    ])
  })

  it("names the geofence with a link to it, and says when it was deleted", () => {
    const id = "aa4cca75-1f7e-4d0c-9a57-7a1c1b8e2f10"
    expect(alertFacts(en.t, en.format, alert("geofence_enter", { geofenceId: id }, "Depot"))).toEqual([
      { key: "geofence", label: "Geofence", value: "Depot", href: `/geofences?fence=${id}` },
    ])
    expect(alertFacts(ru.t, ru.format, alert("geofence_exit", { geofenceId: id }))).toEqual([
      { key: "geofence", label: "Геозона", value: "Удалённая геозона" },
    ])
  })

  it("reads a fuel card limit as money spent against the period's limit on the named card", () => {
    const details = { cardId: "c1", period: "day", spent: "5000.00", limit: "4000.00", currency: "KZT" }
    expect(shown(alertFacts(en.t, en.format, alert("fuel_card_limit", details, "CARD-DRIVER-002")))).toEqual([
      ["Fuel card", "CARD-DRIVER-002"],
      ["Limit exceeded", "Spent ₸5,000.00 of the daily limit ₸4,000.00"],
    ])
    // The card's name as the alert recorded it, and the period's first day (newer alerts).
    const recorded = { ...details, period: "month", cardName: "CARD-7", periodStart: "2027-03-01" }
    expect(shown(alertFacts(ru.t, ru.format, alert("fuel_card_limit", recorded)))).toEqual([
      ["Топливная карта", "CARD-7"],
      ["Лимит превышен", "Потрачено 5 000,00 ₸ при месячном лимите 4 000,00 ₸"],
      ["Период с", "1 мар. 2027 г."],
    ])
    // A deleted card of an old alert: its id is all there is.
    expect(alertFacts(en.t, en.format, alert("fuel_card_limit", details))[0]?.value).toBe("c1")
  })

  it("shows when an overspeed began as a date-time and speeds in km/h", () => {
    const sinceMs = Date.UTC(2027, 2, 12, 9, 30)
    const facts = alertFacts(en.t, en.format, alert("overspeed", { sinceMs, maxKmh: 112, limitKmh: 90 }))
    expect(shown(facts)).toEqual([
      ["Speed limit", "90 km/h"],
      ["Top speed", "112 km/h"],
      ["Since", en.format.dateTime(sinceMs)],
    ])
  })

  it("labels fuel litres and links a refuel's check to the refuel", () => {
    const facts = alertFacts(en.t, en.format, {
      ...alert("fuel_consumption", { actualL: 80, expectedL: 52.25, differencePct: 53.1 }),
      key: "e1",
    })
    expect(facts).toEqual([
      { key: "fuelEntry", label: "Refuel", value: "Open the refuel", href: "/expenses/e1" },
      { key: "expectedL", label: "Expected", value: "52.3 L" },
      { key: "actualL", label: "Refuelled", value: "80.0 L" },
      { key: "differencePct", label: "Difference", value: "53%" },
    ])
    expect(shown(alertFacts(en.t, en.format, alert("fuel_refuel_mismatch", { sensorL: null })))).toEqual([
      ["Sensor saw", "No fill seen"],
    ])
  })

  it("still shows a detail no producer wrote before, under a readable name", () => {
    expect(
      shown(detailFacts(en.t, en.format, { newSensorValue: 3.25, raw_flag: true, nothing: null })),
    ).toEqual([
      ["New sensor value", "3.3"],
      ["Raw flag", "true"],
      ["Nothing", "—"],
    ])
  })
})
