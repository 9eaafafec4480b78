import { mkdir, writeFile } from "node:fs/promises"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { makeDailyCheckScheduler } from "@fleetcore/api"
import { makeLog } from "@fleetcore/platform"
import { simpleParser } from "mailparser"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  eventually,
  type Harness,
  login,
  startHarness,
} from "./harness.js"
import { startSmtpServer } from "./notifications/channelServers.js"

// A day far from the real one: the harness's own scheduler (real clock) never reaches these records.
const TODAY = "2031-03-10"
const day = (offset: number) =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)
// Europe/Istanbul is UTC+3 all year: 09:00 there is 06:00 UTC.
const at = (iso: string) => () => new Date(iso)
const SMTP = { user: "checks-mailer", password: "smtp-pass-checks" }
/** The Russian e-mail is written here to be read (test-results/ is not committed). */
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "test-results", "daily-checks")
const RU_USER = "dispetcher@demo.fleetcore.local"

let h: Harness
let admin: ApiClient
let orgId: string
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
const ids: Record<string, string> = {}
const log = makeLog("warn")

const q = async <T extends object>(text: string, values: unknown[] = []) =>
  (await h.fleet.db.system.query<T & Record<string, unknown>>(text, values)).rows

/** The notices the checks raised for this test's records (by dedupe key), oldest first. */
const notices = async () =>
  q<{ dedupe_key: string; type: string; severity: string; title: string; link: string }>(
    `SELECT dedupe_key, type, severity, title, link FROM notification_events
     WHERE org_id = $1 AND dedupe_key ~ $2 ORDER BY dedupe_key`,
    [orgId, Object.values(ids).join("|")],
  )

beforeAll(async () => {
  smtp = await startSmtpServer(SMTP)
  h = await startHarness()
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  orgId = await demoOrgId(h.fleet)
  const patched = await admin.call("PATCH", "/api/v1/organisation", {
    settings: { timezone: "Europe/Istanbul", dailyChecksHour: 9 },
  })
  expect(patched.status).toBe(200)
  expect(
    (
      await admin.call("PUT", "/api/v1/notification-settings", {
        emailEnabled: true,
        smtpHost: "127.0.0.1",
        smtpPort: smtp.port,
        smtpSecure: false,
        smtpUser: SMTP.user,
        smtpPassword: SMTP.password,
        smtpFrom: "fleet@example.com",
      })
    ).status,
  ).toBe(200)
  const ruId = await createUser(h.fleet, orgId, "dispatcher", RU_USER, DEMO_PASSWORD)
  await q("UPDATE users SET locale = 'ru' WHERE id = $1", [ruId])

  const vehicle = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", {
    name: "Checks truck",
    plate: "777 CHK 02",
  })
  ids.vehicle = vehicle.body.id
  await q("UPDATE vehicles SET commissioned_odometer_km = 59600 WHERE id = $1", [ids.vehicle])
  const driver = async (name: string, licence: string, medical: string | null) =>
    (
      await admin.call<{ id: string }>("POST", "/api/v1/drivers", {
        fullName: name,
        licenceExpiresOn: licence,
        ...(medical === null ? {} : { medicalExpiresOn: medical }),
      })
    ).body.id
  ids.d30 = await driver("Aigerim Sadykova", day(30), day(14))
  ids.d7 = await driver("Yerlan Bekov", day(7), null)
  ids.d20 = await driver("Dana Ospanova", day(20), day(-3))
  const [contract] = await q<{ id: string }>(
    `INSERT INTO contracts (org_id, vehicle_id, type, contractor, starts_on, ends_on, amount, currency, payment_frequency)
     VALUES ($1, $2, 'insurance_osago', 'Halyk Insurance', $3, $4, 50000, 'KZT', 'one_time') RETURNING id`,
    [orgId, ids.vehicle, day(-358), day(7)],
  )
  ids.contract = contract?.id as string
  const [document] = await q<{ id: string }>(
    `INSERT INTO documents (org_id, entity_type, entity_id, kind, filename, mime_type, size_bytes, sha256, storage_key, expires_on)
     VALUES ($1, 'vehicle', $2, 'registration', 'registration.pdf', 'application/pdf', 10, '\\x00', 'checks/registration.pdf', $3)
     RETURNING id`,
    [orgId, ids.vehicle, day(14)],
  )
  ids.document = document?.id as string
  const [task] = await q<{ id: string }>(
    `INSERT INTO maintenance_tasks (org_id, vehicle_id, name, status, due_date, due_odometer_km)
     VALUES ($1, $2, 'Oil change', 'scheduled', $3, 60000) RETURNING id`,
    [orgId, ids.vehicle, day(3)],
  )
  ids.task = task?.id as string
  // A service planned from a template: the engine's planner announces it (maintenance_due), not this check.
  const [template] = await q<{ id: string }>(
    `INSERT INTO maintenance_templates (org_id, vehicle_id, name, every_months) VALUES ($1, $2, 'Brake check', 6) RETURNING id`,
    [orgId, ids.vehicle],
  )
  const [planned] = await q<{ id: string }>(
    `INSERT INTO maintenance_tasks (org_id, vehicle_id, template_id, status, due_date)
     VALUES ($1, $2, $3, 'scheduled', $4) RETURNING id`,
    [orgId, ids.vehicle, template?.id, day(3)],
  )
  ids.plannedTask = planned?.id as string
  const budget = async (category: string, amount: number, spent: number) => {
    const [b] = await q<{ id: string }>(
      `INSERT INTO budgets (org_id, category, period, period_start, amount, currency)
       VALUES ($1, $2, 'month', '2031-03-01', $3, 'KZT') RETURNING id`,
      [orgId, category, amount],
    )
    await q(
      `INSERT INTO expenses (org_id, vehicle_id, category, amount, currency, spent_at, spent_on, org_currency, rate, rate_on)
       VALUES ($1, $2, $3, $4, 'KZT', '2031-03-05T08:00:00Z', '2031-03-05', 'KZT', 1, '2031-03-05')`,
      [orgId, ids.vehicle, category, spent],
    )
    return b?.id as string
  }
  ids.budget80 = await budget("parts", 100_000, 85_000)
  ids.budget100 = await budget("washing", 10_000, 12_500)
  ids.budget50 = await budget("toll", 10_000, 5_000)
  // The checks ran yesterday by this test's clock. The server's own scheduler runs them on the real
  // date at the organisation's hour, and a last run years back would make this one catch up on the
  // thresholds of two weeks (MAX_CATCH_UP_DAYS): the test then depended on the time of day.
  await q("INSERT INTO daily_check_runs (org_id, day, finished_at) VALUES ($1, $2, now())", [orgId, day(-1)])
})
afterAll(async () => {
  await h?.close()
  await smtp?.close()
})

describe("daily checks", () => {
  it("wait for the organisation's hour in its time zone", async () => {
    const early = makeDailyCheckScheduler({ pool: h.fleet.db.system, log, now: at("2031-03-10T05:59:00Z") })
    expect(await early.runDue()).toBe(0)
    expect(
      await q("SELECT 1 FROM daily_check_runs WHERE org_id = $1 AND day = $2", [orgId, TODAY]),
    ).toHaveLength(0)
    expect(await notices()).toEqual([])
  })

  it("raise each threshold reached today once, with its severity and link", async () => {
    const checks = makeDailyCheckScheduler({ pool: h.fleet.db.system, log, now: at("2031-03-10T06:05:00Z") })
    expect(await checks.runDue()).toBe(10)
    const got = (await notices()).map((n) => [n.dedupe_key, n.type, n.severity, n.link])
    expect(got).toEqual(
      expect.arrayContaining([
        [`licence_expiry:${ids.d30}:${day(30)}:30`, "licence_expiry", "info", `/drivers/${ids.d30}`],
        [`medical_expiry:${ids.d30}:${day(14)}:14`, "medical_expiry", "info", `/drivers/${ids.d30}`],
        [`licence_expiry:${ids.d7}:${day(7)}:7`, "licence_expiry", "warning", `/drivers/${ids.d7}`],
        [`medical_expiry:${ids.d20}:${day(-3)}:expired`, "medical_expiry", "critical", `/drivers/${ids.d20}`],
        [
          `insurance_expiry:${ids.contract}:${day(7)}:7`,
          "insurance_expiry",
          "warning",
          `/contracts/${ids.contract}`,
        ],
        [
          `document_expiry:${ids.document}:${day(14)}:14`,
          "document_expiry",
          "info",
          `/documents/vehicle/${ids.vehicle}`,
        ],
        [
          `maintenance_days:${ids.task}:${day(3)}:3`,
          "maintenance_reminder",
          "warning",
          `/vehicles/${ids.vehicle}`,
        ],
        [
          `maintenance_km:${ids.task}:60000:500`,
          "maintenance_reminder",
          "warning",
          `/vehicles/${ids.vehicle}`,
        ],
        [
          `budget_threshold:${ids.budget80}:2031-03-01:80`,
          "budget_threshold",
          "warning",
          "/expenses/budgets",
        ],
        [
          `budget_threshold:${ids.budget100}:2031-03-01:100`,
          "budget_threshold",
          "critical",
          "/expenses/budgets",
        ],
      ]),
    )
    expect(got).toHaveLength(10)
    // A licence 20 days away crossed no threshold today; a budget at 50 % none either.
    expect(
      got.map(([key]) => key).filter((k) => k?.includes(ids.d20 as string) && k.startsWith("licence")),
    ).toEqual([])
    expect(got.map(([key]) => key).filter((k) => k?.includes(ids.budget50 as string))).toEqual([])
    expect(got.map(([key]) => key).filter((k) => k?.includes(ids.plannedTask as string))).toEqual([])
    const english = await notices()
    expect(english.find((n) => n.dedupe_key.startsWith(`licence_expiry:${ids.d7}`))?.title).toBe(
      "Driving licence expires in 7 days: Yerlan Bekov",
    )
  })

  it("raise nothing new on a second run, after a restart, or the next day", async () => {
    const before = (await notices()).length
    const again = makeDailyCheckScheduler({ pool: h.fleet.db.system, log, now: at("2031-03-10T10:00:00Z") })
    expect(await again.runDue()).toBe(0)
    // A new process whose claim is gone (as if the run died): the dedupe keys still hold.
    await q("DELETE FROM daily_check_runs WHERE org_id = $1 AND day = $2", [orgId, TODAY])
    const restarted = makeDailyCheckScheduler({
      pool: h.fleet.db.system,
      log,
      now: at("2031-03-10T10:00:00Z"),
    })
    expect(await restarted.runDue()).toBe(0)
    const tomorrow = makeDailyCheckScheduler({
      pool: h.fleet.db.system,
      log,
      now: at("2031-03-11T06:30:00Z"),
    })
    expect(await tomorrow.runDue()).toBe(0)
    expect((await notices()).length).toBe(before)
    const runs = await q<{ day: string; raised: number }>(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day, raised FROM daily_check_runs WHERE org_id = $1 AND day >= $2 ORDER BY day",
      [orgId, TODAY],
    )
    expect(runs).toEqual([
      { day: TODAY, raised: 0 },
      { day: day(1), raised: 0 },
    ])
  })

  it("tell a Russian reader in Russian, in the app and by e-mail", async () => {
    const ru = await login(h.fleet, RU_USER, DEMO_PASSWORD)
    const list = await eventually(async () => {
      const r = await ru.call<{ items: Array<{ title: string; body: string; type: string }> }>(
        "GET",
        "/api/v1/notifications?type=licence_expiry&pageSize=200",
      )
      return r.body.items.find((n) => n.title.includes("Yerlan Bekov"))
    }, 20_000)
    expect(list.title).toBe("Водительское удостоверение истекает через 7 дней: Yerlan Bekov")
    expect(list.body).toBe("Срок водительского удостоверения (Yerlan Bekov) истекает 17 марта 2031 г.")
    const mail = await eventually(async () => {
      for (const m of smtp.mails.filter((x) => x.to.includes(RU_USER))) {
        const parsed = await simpleParser(m.raw)
        if (parsed.subject?.includes("Бюджет превышен")) return parsed
      }
      return undefined
    }, 30_000)
    await mkdir(RESULTS, { recursive: true })
    await writeFile(join(RESULTS, "email-ru.txt"), `Subject: ${mail.subject}\n\n${mail.text}`)
    expect(mail.subject).toBe("[КРИТИЧНО] Бюджет превышен: мойка, месяц")
    expect(mail.text).toContain(
      "Потрачено 12\u00a0500,00\u00a0₸ из 10\u00a0000,00\u00a0₸ (125%) за месяц с 1 марта 2031 г.",
    )
    // The admin reads English: the same event, in English.
    const english = smtp.mails.filter((x) => x.to.includes("admin@demo.fleetcore.local"))
    const subjects = await Promise.all(english.map(async (m) => (await simpleParser(m.raw)).subject))
    expect(subjects).toContain("[CRITICAL] Budget exceeded: washing, month")
  })
})
