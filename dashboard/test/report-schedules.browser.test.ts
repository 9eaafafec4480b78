import { readFile } from "node:fs/promises"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { startSmtpReceiver } from "./smtpReceiver.js"

/*
 * Issue 11, scheduled reports in a browser: a manager opens the TCO report, schedules it from the
 * report page (its filters carried over), runs it now and sees the run sent, while a real SMTP
 * server started here receives the e-mail with its attachment. Screenshots of the list and the
 * schedule in light and dark, English and Russian go to test-results/reports/ (schedule-*).
 */

const POLL = { timeout: 30_000, interval: 200 }
const SMTP = { user: "browser-mailer", password: "browser-smtp-91c2" }

describe("report schedules in a browser", () => {
  let b: BrowserFleet
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>

  beforeAll(async () => {
    smtp = await startSmtpReceiver(SMTP)
    b = await startBrowserFleet("reports")
    await b.addUser({ email: "manager@schedules.test", role: "manager", name: "Manager One", locale: "en" })
    await b.addUser({ email: "menedzher@schedules.test", role: "manager", name: "Менеджер", locale: "ru" })
    await b.api(await b.tokenOf(), "PUT", "/api/v1/notification-settings", {
      emailEnabled: true,
      smtpHost: "127.0.0.1",
      smtpPort: smtp.port,
      smtpSecure: false,
      smtpUser: SMTP.user,
      smtpPassword: SMTP.password,
      smtpFrom: "reports@demo.example.com",
    })
  })
  afterAll(async () => {
    await b?.close()
    await smtp?.close()
  })

  it("schedules the report from its page, runs it now and shows the run sent", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager@schedules.test")
    await page.goto(`${b.fleet.httpUrl}/reports/tco?period=lastMonth&department=Logistics`)
    await page.getByTestId("report-schedule-this").click()
    await expect.poll(() => page.getByTestId("schedule-filters").innerText(), POLL).toContain("Logistics")
    await page.getByTestId("schedule-name").fill("Weekly TCO for the board")
    await page.getByTestId("schedule-frequency").selectOption("weekly")
    await page.getByTestId("schedule-weekday").selectOption("1")
    await page.getByTestId("schedule-period").selectOption("lastWeek")
    await page.getByTestId("schedule-format-csv").check()
    await page.getByTestId("schedule-recipients").fill("board@fleet.example.com, cfo@fleet.example.com")
    await b.shot(page, "schedule-new-en-light")
    await page.getByTestId("schedule-submit").click()

    await expect.poll(() => page.getByTestId("schedule-page").count(), POLL).toBe(1)
    expect(await page.getByRole("heading", { name: "Weekly TCO for the board" }).count()).toBe(1)
    expect(await page.getByTestId("schedule-state").innerText()).toBe("Active")
    await page.getByTestId("schedule-run-now").click()
    const status = page.getByTestId("run-status").first()
    await expect.poll(() => status.getAttribute("data-status"), POLL).toBe("ok")
    expect(await status.innerText()).toBe("Sent")
    await expect
      .poll(() => smtp.mails.filter((m) => m.to.includes("cfo@fleet.example.com")).length, POLL)
      .toBe(1)
    const raw = smtp.mails.find((m) => m.to.includes("board@fleet.example.com"))?.raw ?? ""
    expect(raw).toMatch(/filename="?tco-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv/u)
    expect(raw).toMatch(/\.pdf/u)
    await b.shot(page, "schedule-page-en-light")

    // Paused: no next run; the list shows it paused with its last run sent.
    await page.getByTestId("schedule-pause").click()
    await expect.poll(() => page.getByTestId("schedule-state").innerText(), POLL).toBe("Paused")
    await page.getByRole("link", { name: "Report schedules" }).click()
    const row = page.getByTestId("schedule-row-name").filter({ hasText: "Weekly TCO for the board" })
    await expect.poll(() => row.count(), POLL).toBe(1)
    expect(await page.getByTestId("schedule-row-paused").count()).toBe(1)
    expect(await page.getByTestId("schedule-row-last-run").first().getAttribute("data-status")).toBe("ok")
    await b.shot(page, "schedules-en-light")
    expect(b.pageErrors).toEqual([])
  })

  it("exports the vehicles list as filtered, from the table's Export menu", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager@schedules.test")
    await page.goto(`${b.fleet.httpUrl}/vehicles?sort=name`)
    await page.getByTestId("vehicles-export").click()
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("vehicles-export-csv").click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^vehicles-\d{4}-\d{2}-\d{2}\.csv$/u)
    const text = await readFile((await download.path()) ?? "", "utf8")
    const token = await b.tokenOf("manager@schedules.test")
    const list = await b.api<{ total: number }>(token, "GET", "/api/v1/vehicles?pageSize=1")
    expect(text.trim().split("\r\n")).toHaveLength(1 + list.total)
    expect(b.pageErrors).toEqual([])
  })

  it("reads in Russian and in the dark, and deletes after confirming", async () => {
    const page = await b.newPage({ colorScheme: "dark" })
    await b.signIn(page, "menedzher@schedules.test")
    await page.goto(`${b.fleet.httpUrl}/reports/schedules`)
    const row = page.getByTestId("schedule-row-name").filter({ hasText: "Weekly TCO for the board" })
    await expect.poll(() => row.count(), POLL).toBe(1)
    expect(await page.getByRole("heading", { name: "Расписания отчётов" }).count()).toBe(1)
    await b.shot(page, "schedules-ru-dark")
    await row.click()
    await expect.poll(() => page.getByTestId("schedule-state").innerText(), POLL).toBe("Приостановлено")
    expect(await page.getByTestId("run-status").first().innerText()).toBe("Отправлен")
    await b.shot(page, "schedule-page-ru-dark")

    await page.getByTestId("schedule-delete").click()
    await page.getByRole("button", { name: "Удалить" }).last().click()
    await expect.poll(() => page.url(), POLL).toMatch(/\/reports\/schedules$/u)
    await expect.poll(() => row.count(), POLL).toBe(0)
    expect(b.pageErrors).toEqual([])
  })
})
