import { makeDailyCheckScheduler } from "@fleetcore/api"
import { hashSecret, makeLog } from "@fleetcore/platform"
import type { RunningFleetCore } from "@fleetcore/server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, PASSWORD, startBrowserFleet } from "./browserFleet.js"

/*
 * The daily checks as people see them: a Russian dispatcher reads the reminders in Russian on the
 * notifications page, and an admin moves the checks' hour on the organisation settings page.
 * Photographed in light and dark, English and Russian, into test-results/daily-checks/.
 */

const POLL = { timeout: 15_000, interval: 100 }

describe("daily checks in the browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  let orgId: string

  beforeAll(async () => {
    b = await startBrowserFleet("dailyChecks")
    fleet = b.fleet
    const db = fleet.db.system
    orgId = (await db.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")).rows[0]
      ?.id as string
    for (const [email, role, locale] of [
      ["admin.en@checks.example", "admin", "en"],
      ["dispatcher.ru@checks.example", "dispatcher", "ru"],
    ] as const)
      await db.query(
        "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, 'Checks', $3, $4, $5)",
        [orgId, email, await hashSecret(PASSWORD), role, locale],
      )
    // Records due relative to 2031-03-10 (Asia/Almaty, checks at 08:00 by default).
    await db.query(
      `INSERT INTO drivers (org_id, full_name, licence_expires_on, medical_expires_on)
       VALUES ($1, 'Yerlan Bekov', '2031-03-17', '2031-04-09'), ($1, 'Dana Ospanova', '2031-03-31', '2031-03-08')`,
      [orgId],
    )
    await db.query(
      `INSERT INTO budgets (org_id, category, period, period_start, amount, currency)
       VALUES ($1, NULL, 'month', '2031-03-01', 1000, 'KZT')`,
      [orgId],
    )
    const vehicle = await db.query<{ id: string }>(
      "INSERT INTO vehicles (org_id, name, plate) VALUES ($1, 'Checks truck', '777 CHK 02') RETURNING id",
      [orgId],
    )
    await db.query(
      `INSERT INTO expenses (org_id, vehicle_id, category, amount, currency, spent_at, spent_on, org_currency, rate, rate_on)
       VALUES ($1, $2, 'fuel', 1250, 'KZT', '2031-03-05T08:00:00Z', '2031-03-05', 'KZT', 1, '2031-03-05')`,
      [orgId, vehicle.rows[0]?.id],
    )
    // The checks ran the day before (the server's own scheduler may have run them on the real date,
    // and a last run years back would make this one catch up on two weeks of thresholds).
    await db.query(
      "INSERT INTO daily_check_runs (org_id, day, finished_at) VALUES ($1, '2031-03-09', now())",
      [orgId],
    )
    const checks = makeDailyCheckScheduler({
      pool: db,
      log: makeLog("warn"),
      now: () => new Date("2031-03-10T04:00:00Z"),
    })
    expect(await checks.runDue()).toBe(4)
  })

  afterAll(async () => {
    await b?.close()
  })

  it("shows a Russian dispatcher the reminders in Russian", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await b.newPage({ colorScheme: scheme, locale: "ru-RU" })
      await b.signIn(page, "dispatcher.ru@checks.example")
      await page.goto(`${fleet.httpUrl}/notifications`)
      const list = page.getByTestId("notifications-page")
      await expect
        .poll(() => list.textContent(), POLL)
        .toContain("Водительское удостоверение истекает через 7 дней: Yerlan Bekov")
      const text = await list.textContent()
      expect(text).toContain("Медицинская справка истекает через 30 дней: Yerlan Bekov")
      expect(text).toContain("Медицинская справка истекла: Dana Ospanova")
      expect(text).toContain("Бюджет превышен: все категории, месяц")
      expect(text).not.toContain("Driving licence")
      await b.shot(page, `notifications-ru-${scheme}`)
    }
  })

  it("lets an admin move the checks' hour on the organisation settings page", async () => {
    const page = await b.newPage({ colorScheme: "light", locale: "en-GB" })
    await b.signIn(page, "admin.en@checks.example")
    await page.goto(`${fleet.httpUrl}/settings/organisation`)
    const hour = page.getByTestId("org-checks-hour")
    await expect.poll(() => hour.inputValue(), POLL).toBe("8")
    expect(await page.getByTestId("org-form").textContent()).toContain("Daily checks at")
    await hour.selectOption("6")
    await page.getByTestId("org-submit").click()
    await expect
      .poll(
        async () =>
          (
            await fleet.db.system.query<{ hour: unknown }>(
              "SELECT settings->'dailyChecksHour' AS hour FROM organisations WHERE id = $1",
              [orgId],
            )
          ).rows[0]?.hour,
        POLL,
      )
      .toBe(6)
    await b.shot(page, "organisation-settings-en-light")
    const ru = await b.newPage({ colorScheme: "dark", locale: "ru-RU" })
    await fleet.db.system.query("UPDATE users SET locale = 'ru' WHERE email = 'admin.en@checks.example'")
    await b.signIn(ru, "admin.en@checks.example")
    await ru.goto(`${fleet.httpUrl}/settings/organisation`)
    await expect.poll(() => ru.getByTestId("org-checks-hour").inputValue(), POLL).toBe("6")
    expect(await ru.getByTestId("org-form").textContent()).toContain("Ежедневные проверки в")
    await b.shot(ru, "organisation-settings-ru-dark")
    expect(b.pageErrors).toEqual([])
  })
})
