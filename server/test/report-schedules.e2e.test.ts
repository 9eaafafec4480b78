import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { makeReportScheduleRunner, makeTokens, type ReportScheduleRunner } from "@fleetcore/api"
import { makeLog } from "@fleetcore/platform"
import ExcelJS from "exceljs"
import { type ParsedMail, simpleParser } from "mailparser"
import Papa from "papaparse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createOrg,
  createUser,
  eventually,
  type Harness,
  login,
  startHarness,
} from "./harness.js"
import { startSmtpServer } from "./notifications/channelServers.js"

/**
 * Scheduled reports e-mailed to a real SMTP server started here. The runners under test run on
 * their own clock, far in the future (2091), so the server's own runner (real time) never finds
 * these runs due; "run now" goes through the server's runner.
 */
const PASSWORD = "schedules-test-password"
const SMTP = { user: "reports-mailer", password: "smtp-reports-4b1e" }
const DUE = new Date("2091-03-02T03:00:00Z") // 08:00 in Almaty (UTC+5)

let h: Harness
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let admin: ApiClient
let otherAdmin: ApiClient
let orgId = ""
let vehicleId = ""
let clock = DUE
const runners: Array<ReportScheduleRunner> = []

type Run = {
  id: string
  status: string
  attempts: number
  error: string | null
  files: Array<{ name: string; bytes: number }>
  period: { from: string; to: string } | null
  attemptLog: Array<{ at: string; error: string | null }>
  manual: boolean
}
type Schedule = { id: string; nextRunAt: string | null; lastRun: Run | null; createdBy: { name: string } }

const runner = async (): Promise<ReportScheduleRunner> => {
  const secret = await readFile(join(h.dataDir, "jwt.secret"))
  const r = makeReportScheduleRunner({
    db: h.fleet.db,
    ch: h.fleet.ch,
    tokens: makeTokens({ secret: new Uint8Array(secret), accessTtlS: 900, refreshTtlS: 3600 }),
    log: makeLog("error"),
    publicUrl: null,
    now: () => clock,
    retryBaseMs: 1_000,
  })
  runners.push(r)
  return r
}

const smtpSettings = (password: string) =>
  admin.call("PUT", "/api/v1/notification-settings", {
    emailEnabled: true,
    smtpHost: "127.0.0.1",
    smtpPort: smtp.port,
    smtpSecure: false,
    smtpUser: SMTP.user,
    smtpPassword: password,
    smtpFrom: "reports@fleet.example.com",
  })

const schedule = (body: Record<string, unknown>) =>
  admin.call<Schedule & { error?: { code: string; field: string } }>("POST", "/api/v1/report-schedules", {
    name: "Monthly costs",
    report: "tco",
    period: "lastMonth",
    formats: ["csv", "xlsx"],
    recipients: ["boss@fleet.example.com", "Accounts@Fleet.Example.com"],
    language: "ru",
    frequency: "monthly",
    monthDay: 2,
    hour: 8,
    ...body,
  })

const dueAt = (id: string, at: Date) =>
  h.fleet.db.system.query("UPDATE report_schedules SET next_run_at = $2 WHERE id = $1", [id, at])
const runsOf = async (id: string) =>
  (await admin.call<{ items: Array<Run> }>("GET", `/api/v1/report-schedules/${id}/runs`)).body.items
const mailsFor = (runId: string): Promise<ReadonlyArray<ParsedMail>> =>
  Promise.all(
    smtp.mails.filter((m) => m.raw.includes(`<${runId}@fleetcore.reports>`)).map((m) => simpleParser(m.raw)),
  )

beforeAll(async () => {
  smtp = await startSmtpServer(SMTP)
  h = await startHarness()
  const a = await createOrg(h.fleet, "schedules-a", PASSWORD)
  orgId = a.orgId
  await h.fleet.db.system.query(
    `UPDATE organisations SET settings = settings || '{"currency":"KZT","timezone":"Asia/Almaty"}'::jsonb WHERE id = $1`,
    [orgId],
  )
  admin = await login(h.fleet, a.email, PASSWORD)
  otherAdmin = await login(h.fleet, (await createOrg(h.fleet, "schedules-b", PASSWORD)).email, PASSWORD)
  expect((await smtpSettings(SMTP.password)).status).toBe(200)
  const car = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
    name: "Камри Өскемен",
    plate: "SCH 01",
  })
  vehicleId = car.body.id
  await admin.call("POST", "/api/v1/vehicles", { name: "Газель", plate: "SCH 02" })
  for (const [date, amount] of [
    ["2091-02-03", "12000.00"],
    ["2091-02-20", "3000.50"],
  ] as const) {
    const r = await admin.call("POST", "/api/v1/expenses", { vehicleId, category: "service", date, amount })
    expect(r.status).toBe(201)
  }
})
afterAll(async () => {
  for (const r of runners) await r.close()
  await h?.close()
  await smtp?.close()
})

describe("report schedules", () => {
  it("validates a schedule: weekday and day of month, recipients, filters among what the caller sees", async () => {
    const weekly = await schedule({ frequency: "weekly", monthDay: undefined })
    expect(weekly.status).toBe(400)
    expect(weekly.body.error).toMatchObject({ code: "FLEET_SCHEDULE_INVALID", field: "weekday" })
    const many = await schedule({
      recipients: Array.from({ length: 21 }, (_, i) => `r${i}@fleet.example.com`),
    })
    expect(many.status).toBe(400)
    expect((await schedule({ recipients: ["not an address"] })).status).toBe(400)
    const twice = await admin.call<{ id: string; formats: Array<string> }>(
      "POST",
      "/api/v1/report-schedules",
      {
        name: "Twice",
        report: "expenses",
        period: "lastWeek",
        formats: ["csv", "csv"],
        recipients: ["a@fleet.example.com"],
        language: "en",
        frequency: "weekly",
        weekday: 1,
        hour: 7,
        enabled: false,
      },
    )
    expect(twice.body.formats).toEqual(["csv"])
    await admin.call("DELETE", `/api/v1/report-schedules/${twice.body.id}`)
    const foreign = await otherAdmin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "Foreign" })
    const filtered = await schedule({ filters: { vehicleId: foreign.body.id } })
    expect(filtered.status).toBe(404)
    expect(filtered.body.error).toMatchObject({ code: "FLEET_REPORT_FILTER_NOT_FOUND", field: "vehicleId" })
  })

  it("e-mails the report at its hour with CSV and XLSX attachments equal to the report; two runners send once", async () => {
    const created = await schedule({})
    expect(created.status).toBe(201)
    expect(created.body.createdBy.name).toBe("Admin")
    expect(Date.parse(created.body.nextRunAt ?? "")).toBeGreaterThan(Date.now())
    const id = created.body.id
    await dueAt(id, DUE)
    clock = new Date(DUE.getTime() + 5_000)

    // Two runners (as two API processes) at once: the schedule is claimed and sent once.
    const [a, b] = [await runner(), await runner()]
    await Promise.all([a.runDue(), b.runDue(), a.runDue()])
    const runs = await runsOf(id)
    expect(runs).toHaveLength(1)
    const run = runs[0] as Run
    expect(run).toMatchObject({
      status: "ok",
      attempts: 1,
      manual: false,
      period: { from: "2091-02-01", to: "2091-02-28" },
    })
    expect(run.files.map((f) => f.name)).toEqual([
      "tco-2091-02-01_2091-02-28.csv",
      "tco-2091-02-01_2091-02-28.xlsx",
    ])
    const mails = await mailsFor(run.id)
    expect(mails).toHaveLength(1)
    const mail = mails[0] as ParsedMail
    expect(smtp.mails.find((m) => m.raw.includes(run.id))?.to).toEqual([
      "boss@fleet.example.com",
      "accounts@fleet.example.com",
    ])
    expect(mail.subject).toContain("Совокупная стоимость")
    expect(mail.text).toContain("Monthly costs")

    // The CSV's rows are the report's, for the same period, as the API answers it.
    const report = await admin.call<{
      rows: Array<Record<string, unknown>>
      totals: Record<string, unknown>
    }>("GET", "/api/v1/reports/tco?period=custom&from=2091-02-01&to=2091-02-28")
    const csv = mail.attachments.find((f) => f.filename?.endsWith(".csv"))
    expect(csv?.contentType).toBe("text/csv")
    const parsed = Papa.parse<Array<string>>(csv?.content.toString("utf8").replace(/^\uFEFF/u, "") ?? "", {
      skipEmptyLines: true,
    }).data
    expect(parsed.length).toBe(1 + report.body.rows.length + 1) // header, rows, totals
    expect(parsed.slice(1, -1).map((r) => r[0])).toEqual(report.body.rows.map((r) => r.vehicle))
    expect(parsed.flat()).toContain("15000.50")
    const xlsx = mail.attachments.find((f) => f.filename?.endsWith(".xlsx"))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx?.content as unknown as ArrayBuffer)
    expect(book.worksheets[0]?.actualRowCount).toBeGreaterThanOrEqual(report.body.rows.length + 2)
    expect(xlsx?.size).toBe(run.files[1]?.bytes)

    // Due again next month, not again now: another round sends nothing.
    await a.runDue()
    expect(await mailsFor(run.id)).toHaveLength(1)
    const after = (await admin.call<Schedule>("GET", `/api/v1/report-schedules/${id}`)).body
    expect(after.nextRunAt).toBe("2091-04-02T03:00:00.000Z")
    expect(after.lastRun?.id).toBe(run.id)
    const audited = await h.fleet.db.system.query<{ details: { runId: string } }>(
      "SELECT details FROM audit_log WHERE org_id = $1 AND action = 'export' AND details->>'runId' = $2",
      [orgId, run.id],
    )
    expect(audited.rows).toHaveLength(1)
  })

  it("retries a send the SMTP server refused: visible as failed, then sent", async () => {
    const created = await schedule({
      name: "Daily",
      period: "yesterday",
      frequency: "daily",
      formats: ["csv"],
    })
    const id = created.body.id
    await smtpSettings("a-wrong-password")
    const due = new Date("2091-05-10T03:00:00Z")
    await dueAt(id, due)
    clock = due
    const r = await runner()
    await r.runDue()
    const [failed] = await runsOf(id)
    expect(failed).toMatchObject({ status: "retrying", attempts: 1 })
    expect(failed?.error).toMatch(/auth|535|invalid/iu)
    expect(await mailsFor(failed?.id ?? "")).toHaveLength(0)

    await smtpSettings(SMTP.password)
    clock = new Date(due.getTime() + 500)
    await r.runDue() // before its back-off (1 s): not tried
    expect((await runsOf(id))[0]).toMatchObject({ status: "retrying", attempts: 1 })
    clock = new Date(due.getTime() + 1_500)
    await r.runDue()
    const [sent] = await runsOf(id)
    expect(sent).toMatchObject({
      id: failed?.id,
      status: "ok",
      attempts: 2,
      error: null,
      period: { from: "2091-05-09", to: "2091-05-09" },
    })
    expect(sent?.attemptLog.map((x) => x.error === null)).toEqual([false, true])
    expect(await mailsFor(sent?.id ?? "")).toHaveLength(1)
  })

  it("fails a run whose creator may no longer see reports, and never widens", async () => {
    const email = "manager@schedules-a.example"
    const userId = await createUser(h.fleet, orgId, "manager", email, PASSWORD)
    const manager = await login(h.fleet, email, PASSWORD)
    const created = await manager.call<Schedule>("POST", "/api/v1/report-schedules", {
      name: "Manager's",
      report: "expenses",
      period: "lastMonth",
      formats: ["pdf"],
      recipients: ["manager@fleet.example.com"],
      language: "en",
      frequency: "daily",
      hour: 6,
    })
    expect(created.status).toBe(201)
    await h.fleet.db.system.query("UPDATE users SET role = 'driver' WHERE id = $1", [userId])
    const due = new Date("2091-06-01T01:00:00Z")
    await dueAt(created.body.id, due)
    clock = due
    await (await runner()).runDue()
    const [run] = await runsOf(created.body.id)
    expect(run).toMatchObject({ status: "failed", attempts: 1 })
    expect(run?.error).toContain("FLEET_SCHEDULE_CREATOR_CANNOT_SEE")
    expect(await mailsFor(run?.id ?? "")).toHaveLength(0)
  })

  it("runs now through the server's runner, pauses, and keeps other organisations out", async () => {
    const created = await schedule({ name: "Now", formats: ["pdf"], period: "thisMonth" })
    const id = created.body.id
    const asked = await admin.call<Run>("POST", `/api/v1/report-schedules/${id}/run`)
    expect(asked.status).toBe(202)
    expect(asked.body).toMatchObject({ manual: true, status: "pending" })
    const sent = await eventually(
      async () => {
        const [run] = await runsOf(id)
        return run?.status === "ok" ? run : undefined
      },
      20_000,
      "the run sent",
    )
    const [mail] = await mailsFor(sent.id)
    expect(mail?.attachments.map((f) => f.contentType)).toEqual(["application/pdf"])
    expect(mail?.attachments[0]?.content.subarray(0, 5).toString()).toBe("%PDF-")

    const paused = await admin.call<Schedule & { enabled: boolean }>(
      "PATCH",
      `/api/v1/report-schedules/${id}`,
      {
        enabled: false,
      },
    )
    expect(paused.body).toMatchObject({ enabled: false, nextRunAt: null })
    expect((await otherAdmin.call("GET", `/api/v1/report-schedules/${id}`)).status).toBe(404)
    expect((await otherAdmin.call("POST", `/api/v1/report-schedules/${id}/run`)).status).toBe(404)
    const list = await otherAdmin.call<{ total: number }>("GET", "/api/v1/report-schedules")
    expect(list.body.total).toBe(0)
    expect((await admin.call("DELETE", `/api/v1/report-schedules/${id}`)).status).toBe(204)
    expect((await admin.call("GET", `/api/v1/report-schedules/${id}`)).status).toBe(404)
  })
})
