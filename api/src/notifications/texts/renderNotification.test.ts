import { describe, expect, it } from "vitest"
import { alertFactValues } from "./alertFacts.js"
import { MESSAGE_KEYS } from "./NotificationTexts.js"
import { NOTIFICATION_LOCALES, NOTIFICATION_TEXTS, renderNotification } from "./renderNotification.js"

const SAMPLE = {
  stage: "soon",
  days: 7,
  driver: "Aigerim Sadykova",
  expiresOn: "2031-03-01",
  endsOn: "2031-03-01",
  dueOn: "2031-03-01",
  periodStartsOn: "2031-03-01",
  openedAt: "2031-03-01T05:30:00.000Z",
  contractType: "insurance_osago",
  contractor: "Halyk",
  vehicle: "Truck 7 (123 ABC 02)",
  documentKind: "insurance",
  filename: "policy.pdf",
  owner: "Truck 7",
  task: "Oil change",
  kmLeft: 420,
  dueKm: 60000,
  currentKm: 59580,
  threshold: 80,
  used: 84,
  spentMoney: "84000.50",
  amountMoney: "100000.00",
  currency: "KZT",
  category: "fuel",
  period: "month",
  alertType: "overspeed",
  details: "",
  kind: "vehicle",
  record: "Truck 7 (123 ABC 02)",
  notes: "",
  number: 12,
  title: "Flat tyre",
  ticketType: "breakdown",
  change: "status",
  ticketStatus: "resolved",
  comment: "Tyre replaced.",
  assignee: "Dana Omarova",
  fields: "vin, odometerKm",
  cost: "19001.00 KZT",
  decision: "reject",
  reason: "The licence scan is unreadable",
  centre: "Tverskaya Motors",
  due: "yes",
  dueAt: "2031-03-01T05:30:00.000Z",
  team: "Night shift",
  statusLabel: "On site",
} as const

describe("notification texts", () => {
  it("formats every message in every language, with no placeholder left", () => {
    for (const locale of NOTIFICATION_LOCALES)
      for (const key of MESSAGE_KEYS) {
        const text = renderNotification(key, SAMPLE, locale, "Asia/Almaty")
        expect(text, `${locale} ${key}`).not.toBeNull()
        expect(`${text?.title} ${text?.body}`, `${locale} ${key}`).not.toMatch(/[{}]/u)
      }
  })

  it("has every label of English in every language", () => {
    for (const locale of NOTIFICATION_LOCALES)
      for (const [group, labels] of Object.entries(NOTIFICATION_TEXTS.en.labels))
        expect(
          Object.keys(NOTIFICATION_TEXTS[locale].labels[group as keyof typeof NOTIFICATION_TEXTS.en.labels]),
          `${locale} ${group}`,
        ).toEqual(Object.keys(labels))
  })

  it("reads a licence reminder in Russian, with Russian plurals and dates", () => {
    const seven = renderNotification("licence_expiry", SAMPLE, "ru", "Asia/Almaty")
    expect(seven?.title).toBe("Водительское удостоверение истекает через 7 дней: Aigerim Sadykova")
    expect(seven?.body).toBe("Срок водительского удостоверения (Aigerim Sadykova) истекает 1 марта 2031 г.")
    expect(renderNotification("licence_expiry", { ...SAMPLE, days: 14 }, "ru", "UTC")?.title).toContain(
      "через 14 дней",
    )
    expect(renderNotification("licence_expiry", { ...SAMPLE, days: 1 }, "ru", "UTC")?.title).toContain(
      "через 1 день",
    )
    expect(renderNotification("licence_expiry", SAMPLE, "en", "UTC")?.body).toBe(
      "The driving licence of Aigerim Sadykova expires on March 1, 2031.",
    )
  })

  it("names an alert's type in the reader's language and its time in the organisation's zone", () => {
    const ru = renderNotification("alert", SAMPLE, "ru", "Asia/Almaty")
    expect(ru?.title).toBe("Превышение скорости: Truck 7 (123 ABC 02)")
    expect(ru?.body).toMatch(/^Открыто 1 мар\. 2031 г\., 1[01]:30 GMT\+[56]\.$/u)
    expect(renderNotification("alert", { ...SAMPLE, vehicle: null }, "tr", "UTC")?.title).toBe("Hız aşımı")
    expect(renderNotification("alert", { ...SAMPLE, alertType: "new_kind" }, "kk", "UTC")?.title).toMatch(
      /^new_kind: /u,
    )
  })

  it("names what an alert is about besides the vehicle, as the alerts pages do, and reads older events", () => {
    const entered = { ...SAMPLE, alertType: "geofence_enter", subject: "Almaty depot" }
    expect(renderNotification("alert", entered, "en", "UTC")?.title).toBe(
      "Geofence entered · Almaty depot: Truck 7 (123 ABC 02)",
    )
    expect(renderNotification("alert", { ...entered, alertType: "geofence_exit" }, "ru", "UTC")?.title).toBe(
      "Выезд из геозоны · Almaty depot: Truck 7 (123 ABC 02)",
    )
    expect(renderNotification("alert", { ...entered, vehicle: null }, "tr", "UTC")?.title).toMatch(
      / · Almaty depot$/u,
    )
    // An event stored before alerts named their subject has no `subject`: it reads as none.
    expect(renderNotification("alert", SAMPLE, "kk", "UTC")?.title).not.toContain("·")
  })

  it("formats a budget's money in the reader's conventions", () => {
    const ru = renderNotification("budget_threshold", SAMPLE, "ru", "UTC")
    expect(ru?.title).toBe("Бюджет израсходован на 80%: топливо, месяц")
    expect(ru?.body).toBe(
      "Потрачено 84\u00a0000,50\u00a0₸ из 100\u00a0000,00\u00a0₸ (84%) за месяц с 1 марта 2031 г.",
    )
    expect(renderNotification("budget_threshold", SAMPLE, "en", "UTC")?.body).toBe(
      "₸84,000.50 spent of ₸100,000.00 (84%) in the month from March 1, 2031.",
    )
  })

  it("tells a ticket's change in the reader's language, the status by its label", () => {
    const ru = renderNotification("ticket_update", SAMPLE, "ru", "UTC")
    expect(ru).toEqual({ title: "Заявка №12: Flat tyre", body: "Новый статус: решена. Tyre replaced." })
    const raised = renderNotification("ticket_raised", SAMPLE, "en", "UTC")
    expect(raised).toEqual({ title: "New ticket #12: Flat tyre", body: "Breakdown · Truck 7 (123 ABC 02)" })
    const repair = renderNotification("ticket_update", { ...SAMPLE, change: "repair" }, "kk", "UTC")
    expect(repair?.body).toBe("Сервистік кітапшада жөндеу ашылды.")
  })

  it("tells a task's assignment and deadlines with the due time in the organisation's zone", () => {
    expect(renderNotification("task_assigned", SAMPLE, "en", "Asia/Almaty")?.body).toMatch(
      /^Due Mar 1, 2031, 10:30 (AM )?GMT\+5\. Team: Night shift\.$/u,
    )
    const noDue = renderNotification(
      "task_assigned",
      { ...SAMPLE, due: "no", dueAt: null, team: null },
      "ru",
      "UTC",
    )
    expect(noDue).toEqual({ title: "Вам назначена задача: Flat tyre", body: "Без срока." })
    expect(renderNotification("task_overdue", SAMPLE, "tr", "UTC")?.title).toBe("Görev gecikti: Flat tyre")
  })

  it("tells an alert's details as the alert's page does: labelled, in the reader's language, units and zone", () => {
    const facts = JSON.stringify(
      alertFactValues({
        maxKmh: 129.6,
        limitKmh: 110,
        sinceMs: Date.parse("2031-03-01T05:30:00Z"),
        geofenceId: "5cd80fcd-cad2-47b9-8ebd-cbd399119dfc",
      }),
    )
    const overspeed = { ...SAMPLE, details: undefined, facts } as unknown as typeof SAMPLE
    const ru = renderNotification("alert", overspeed, "ru", "Asia/Almaty")?.body.split("\n") ?? []
    expect(ru.slice(1)).toEqual([
      "Ограничение скорости: 110 км/ч",
      "Максимальная скорость: 130 км/ч",
      expect.stringMatching(/^Началось: 1 мар\. 2031 г\., 10:30$/u),
    ])
    const en = renderNotification("alert", overspeed, "en", "UTC")?.body.split("\n") ?? []
    expect(en.slice(1)).toEqual([
      "Speed limit: 110 km/h",
      "Top speed: 130 km/h",
      expect.stringMatching(/^Since: Mar 1, 2031, 5:30/u),
    ])
    // A maintenance alert: the due odometer in km, the day as a day, "due by" in words; no raw keys.
    const due = JSON.stringify(
      alertFactValues({ task: "Brake inspection", dueBy: "km", dueDate: "2031-05-22", dueOdometerKm: 30000 }),
    )
    const kk = renderNotification("alert", { ...overspeed, facts: due }, "kk", "UTC")?.body ?? ""
    const tr = renderNotification("alert", { ...overspeed, facts: due }, "tr", "UTC")?.body ?? ""
    for (const body of [kk, tr]) {
      expect(body).not.toMatch(/dueBy|dueDate|dueOdometerKm|task:/u)
      expect(body).toContain("Brake inspection")
      expect(body).toMatch(/30[\s\u00a0.,]?000 km|30[\s\u00a0.,]?000 км/u)
    }
  })

  it("keeps the stored English details of an alert told before its facts were kept", () => {
    const old = renderNotification("alert", { ...SAMPLE, details: "maxKmh: 130" }, "ru", "UTC")
    expect(old?.body.split("\n").at(-1)).toBe("maxKmh: 130")
  })

  it("falls back to the stored text for an unknown key or language", () => {
    expect(renderNotification(null, SAMPLE, "ru", "UTC")).toBeNull()
    expect(renderNotification("no_such_message", SAMPLE, "ru", "UTC")).toBeNull()
    expect(renderNotification("licence_expiry", SAMPLE, "de", "UTC")?.title).toContain("Driving licence")
  })
})
