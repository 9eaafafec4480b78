import { NOTIFICATION_TYPES, REMINDER_TYPES } from "@fleetcore/contract"
import { flatten } from "@solid-primitives/i18n"
import { describe, expect, it } from "vitest"
import { dictionaries, locales } from "../../i18n/locales"
import { notificationTypeLabel, TYPE_GROUPS } from "./notificationTypes"

/** A translator over one language's dictionary, as the dashboard's `t` looks keys up. */
const translator = (locale: (typeof locales)[number]) => {
  const flat = flatten(dictionaries[locale]) as Record<string, unknown>
  return ((key: string) => {
    const text = flat[key]
    if (typeof text !== "string") throw new Error(`${locale}: no string ${key}`)
    return text
  }) as unknown as Parameters<typeof notificationTypeLabel>[0]
}

describe("notification type labels", () => {
  for (const locale of locales) {
    it(`${locale} labels every notification type of the contract, each differently`, () => {
      const t = translator(locale)
      const labels = NOTIFICATION_TYPES.map((type) => notificationTypeLabel(t, type))
      for (const [i, label] of labels.entries()) {
        expect(label.trim(), NOTIFICATION_TYPES[i]).not.toBe("")
        expect(label, NOTIFICATION_TYPES[i]).not.toContain("_")
      }
      expect(new Set(labels).size).toBe(NOTIFICATION_TYPES.length)
    })
  }

  it("takes reminder labels from the notifications namespace, alert labels from the alerts pages", () => {
    const t = translator("ru")
    expect(notificationTypeLabel(t, "licence_expiry")).toBe("Истекает водительское удостоверение")
    expect(notificationTypeLabel(t, "overspeed")).toBe(flatten(dictionaries.ru)["alerts.type_overspeed"])
  })

  it("shows a type it does not know as sent, without underscores", () => {
    expect(notificationTypeLabel(translator("en"), "tyre_pressure")).toBe("tyre pressure")
  })

  it("groups every type once: alerts, then reminders", () => {
    expect(TYPE_GROUPS.flatMap((g) => g.types)).toEqual([...NOTIFICATION_TYPES])
    expect(TYPE_GROUPS[1].types).toEqual(REMINDER_TYPES)
  })
})
