import { raiseNotification, verifyWebhook } from "@fleetcore/api"
import { raiseAlerts } from "@fleetcore/engine"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import {
  type ApiClient,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  eventually,
  type Harness,
  login,
  provision,
  publishPoints,
  startHarness,
} from "./harness.js"
import { startBotApi, startHttpServer, startSmtpServer } from "./notifications/channelServers.js"

const SMTP = { user: "fleet-mailer", password: "smtp-pass-7f3a9c" }
const BOT_TOKEN = "123456:AAE-test-bot-token"
const HOOK_SECRET = "whsec-0123456789abcdef"
const FLAKY_SECRET = "whsec-flaky-0123456789"
const ADMIN = "admin@demo.fleetcore.local"

let h: Harness
let admin: ApiClient
let orgId: string
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let bot: Awaited<ReturnType<typeof startBotApi>>
/** The messages sent to the Bot API (the organisation's bot also asks it for updates). */
const sentMessages = () => bot.requests.filter((r) => r.path.endsWith("/sendMessage"))
let hook: Awaited<ReturnType<typeof startHttpServer>>
let flaky: Awaited<ReturnType<typeof startHttpServer>>
let flakyId: string

beforeAll(async () => {
  smtp = await startSmtpServer(SMTP)
  bot = await startBotApi(BOT_TOKEN)
  hook = await startHttpServer(() => ({ status: 200, body: { received: true } }))
  // Fails twice, then accepts: the worker must retry with back-off.
  flaky = await startHttpServer((_r, i) =>
    i < 2 ? { status: 500, body: { down: true } } : { status: 204, body: null },
  )
  h = await startHarness()
  admin = await login(h.fleet, ADMIN, DEMO_PASSWORD)
  orgId = await demoOrgId(h.fleet)
})
afterAll(async () => {
  await h?.close()
  await Promise.all([smtp?.close(), bot?.close(), hook?.close(), flaky?.close()])
})

describe("notification channels configured by an admin", () => {
  it("stores the SMTP password, bot token and webhook secrets encrypted and never answers them", async () => {
    const put = await admin.call("PUT", "/api/v1/notification-settings", {
      emailEnabled: true,
      smtpHost: "127.0.0.1",
      smtpPort: smtp.port,
      smtpSecure: false,
      smtpUser: SMTP.user,
      smtpPassword: SMTP.password,
      smtpFrom: "alerts@fleet.example.com",
      telegramEnabled: true,
      telegramToken: BOT_TOKEN,
      telegramChatIds: ["-1001234567890"],
      telegramApiUrl: bot.url,
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({
      smtpPasswordSet: true,
      telegramTokenSet: true,
      telegramChatIds: ["-1001234567890"],
    })
    const created = await admin.call<{ id: string }>("POST", "/api/v1/notification-webhooks", {
      name: "Ops",
      url: `${hook.url}/fleet`,
      secret: HOOK_SECRET,
    })
    expect(created.status).toBe(201)
    const second = await admin.call<{ id: string }>("POST", "/api/v1/notification-webhooks", {
      name: "Flaky",
      url: `${flaky.url}/in`,
      secret: FLAKY_SECRET,
    })
    flakyId = second.body.id
    const answers = JSON.stringify([
      put.body,
      created.body,
      (await admin.call("GET", "/api/v1/notification-settings")).body,
      (await admin.call("GET", "/api/v1/notification-webhooks")).body,
    ])
    for (const secret of [SMTP.password, BOT_TOKEN, HOOK_SECRET, FLAKY_SECRET])
      expect(answers).not.toContain(secret)
    const stored = JSON.stringify(
      (await h.fleet.db.system.query("SELECT * FROM notification_settings")).rows.concat(
        (await h.fleet.db.system.query("SELECT * FROM notification_webhooks")).rows,
        (await h.fleet.db.system.query("SELECT old_values, new_values, details FROM audit_log")).rows,
      ),
    )
    for (const secret of [SMTP.password, BOT_TOKEN, HOOK_SECRET, FLAKY_SECRET])
      expect(stored).not.toContain(secret)
    expect(stored).toMatch(/"smtp_password_sealed":"v1\./u)
  })

  it("refuses a malformed channel setting with the field", async () => {
    const bad = await admin.call<{ error: { code: string } }>("PUT", "/api/v1/notification-settings", {
      telegramChatIds: ["not a chat"],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe("FLEET_NOTIFICATION_SETTINGS_INVALID")
  })
})

describe("one alert raised by a real MQTT publish", () => {
  it("delivers an e-mail, a Telegram message and signed webhooks, in-app and live, once", async () => {
    const socket = new WebSocket(
      `${h.fleet.httpUrl.replace("http", "ws")}/api/v1/live?access_token=${admin.token}`,
    )
    const live: Array<{ type: string; notification?: { type: string; title: string } }> = []
    socket.on("message", (data) => live.push(JSON.parse(String(data))))
    await new Promise((ok) => socket.once("open", ok))
    expect(
      (await admin.call("PUT", "/api/v1/settings", { overspeedLimitKmh: 90, overspeedMinDurationS: 10 }))
        .status,
    ).toBe(200)
    const v = await provision(admin, "notify-speed", "NTF 001")
    const t0 = Date.now() - 3_600_000
    await publishPoints(
      h.fleet,
      v,
      Array.from({ length: 40 }, (_, i) => ({
        timeMs: t0 + i * 1000,
        lat: 43.2,
        lon: 76.9 + i * 0.0003,
        ignition: true,
        speedMps: 120 / 3.6,
      })),
    )
    const mail = await eventually(
      async () => smtp.mails.find((m) => m.to.includes(ADMIN)),
      20_000,
      "the e-mail",
    )
    expect(mail.user).toBe(SMTP.user)
    expect(mail.from).toBe("alerts@fleet.example.com")
    expect(mail.raw).toMatch(/Subject: \[warning\] Overspeed: Vehicle notify-speed \(NTF 001\)/u)
    expect(mail.raw).toMatch(/X-Fleet-Idempotency-Key: [0-9a-f-]{36}/u)

    const message = await eventually(async () => sentMessages()[0], 10_000, "the Telegram message")
    const sent = JSON.parse(message.body) as { chat_id: string; text: string }
    expect(sent.chat_id).toBe("-1001234567890")
    expect(sent.text).toContain("Overspeed: Vehicle notify-speed (NTF 001)")

    const delivery = await eventually(async () => hook.requests[0], 10_000, "the webhook")
    const timestamp = Number(delivery.headers["x-fleet-timestamp"])
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60)
    expect(
      verifyWebhook(HOOK_SECRET, timestamp, delivery.body, String(delivery.headers["x-fleet-signature"])),
    ).toBe(true)
    expect(
      verifyWebhook(
        "another-secret-000000",
        timestamp,
        delivery.body,
        String(delivery.headers["x-fleet-signature"]),
      ),
    ).toBe(false)
    const payload = JSON.parse(delivery.body) as {
      idempotencyKey: string
      event: { type: string; vehicleId: string; title: string; body: string }
    }
    expect(payload.event).toMatchObject({ type: "overspeed", vehicleId: v.vehicleId })
    // English, the instant in the organisation's zone (Asia/Almaty), as every other channel's.
    expect(payload.event.title).toBe("Overspeed: Vehicle notify-speed (NTF 001)")
    expect(payload.event.body).toMatch(/^Opened at \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M GMT\+5\./u)
    expect(delivery.headers["x-fleet-delivery"]).toBe(payload.idempotencyKey)

    const inbox = await admin.call<{
      items: Array<{
        id: string
        type: string
        readAt: string | null
        body: string
        link: string | null
        alertId: string | null
      }>
      total: number
    }>("GET", "/api/v1/notifications?unread=true&type=overspeed")
    expect(inbox.body.items).toHaveLength(1)
    expect(inbox.body.items[0]?.readAt).toBeNull()
    // The alert's details as labelled facts in the reader's units, as on the alert's page; never the
    // rule's raw keys and numbers ("maxKmh: 120", "sinceMs: 1796…").
    const told = inbox.body.items[0]?.body.split("\n") ?? []
    expect(told).toContain("Speed limit: 90 km/h")
    expect(told).toContain("Top speed: 120 km/h")
    expect(told.join("\n")).not.toMatch(/maxKmh|limitKmh|sinceMs|\d{13}/u)
    // It opens the alert itself, not the list of its vehicle's alerts.
    expect(inbox.body.items[0]?.alertId).toMatch(/^[0-9a-f-]{36}$/u)
    expect(inbox.body.items[0]?.link).toBe(`/alerts/${inbox.body.items[0]?.alertId}`)
    await eventually(async () => live.find((m) => m.type === "notification"), 5_000, "the live notification")
    expect(live.find((m) => m.type === "notification")?.notification?.title).toContain("Overspeed")
    socket.close()

    // Re-deriving the same alert (an engine restart replays the points) notifies nobody again.
    const alert = (await h.fleet.db.system.query("SELECT * FROM alerts WHERE vehicle_id = $1", [v.vehicleId]))
      .rows[0]
    await raiseAlerts(h.fleet.db.system, [
      {
        orgId: orgId as OrgId,
        vehicleId: v.vehicleId as VehicleId,
        type: alert.type,
        key: alert.key,
        severity: alert.severity,
        timeMs: alert.opened_at.getTime(),
        lat: null,
        lon: null,
        details: {},
      },
    ])
    await new Promise((r) => setTimeout(r, 2_500))
    expect(smtp.mails.filter((m) => m.to.includes(ADMIN))).toHaveLength(1)
    expect(sentMessages()).toHaveLength(1)
    expect(hook.requests).toHaveLength(1)
    const events = await h.fleet.db.system.query(
      "SELECT count(*)::int AS n FROM notification_events WHERE alert_id = $1",
      [alert.id],
    )
    expect(events.rows[0]?.n).toBe(1)
  })

  it("retries a failing webhook with exponential back-off and logs every attempt", async () => {
    const log = await eventually(
      async () => {
        const page = await admin.call<{
          items: Array<{
            attempt: number
            ok: boolean
            statusCode: number | null
            at: string
            deliveryStatus: string
          }>
        }>("GET", `/api/v1/notification-webhooks/${flakyId}/deliveries?sort=at`)
        return page.body.items.some((a) => a.ok) ? page.body.items : undefined
      },
      20_000,
      "the flaky webhook's third attempt",
    )
    expect(log.map((a) => [a.attempt, a.ok, a.statusCode])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 204],
    ])
    expect(log[2]?.deliveryStatus).toBe("sent")
    const at = flaky.requests.map((r) => Number(r.headers["x-fleet-timestamp"]))
    // 1 s after the first failure, 2 s after the second (whole seconds on the wire).
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(1)
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(2)
    // Each attempt carries the same idempotency key.
    expect(new Set(flaky.requests.map((r) => r.headers["x-fleet-delivery"])).size).toBe(1)
  })
})

describe("who is told, and how", () => {
  it("tells managers and dispatchers, a driver only about their vehicle, and respects preferences", async () => {
    await createUser(h.fleet, orgId, "dispatcher", "disp@demo.fleetcore.local", DEMO_PASSWORD)
    const driverId = await createUser(h.fleet, orgId, "driver", "drv@demo.fleetcore.local", DEMO_PASSWORD)
    await createUser(h.fleet, orgId, "viewer", "view@demo.fleetcore.local", DEMO_PASSWORD)
    const dispatcher = await login(h.fleet, "disp@demo.fleetcore.local", DEMO_PASSWORD)
    // Quiet hours are read in the user's own zone (the profile's), here UTC.
    expect((await dispatcher.call("PATCH", "/api/v1/me", { timeZone: "UTC" })).status).toBe(200)
    // Quiet all day: only critical ones by e-mail.
    const prefs = await dispatcher.call("PUT", "/api/v1/notifications/preferences", {
      inAppTypes: null,
      emailEnabled: true,
      emailTypes: null,
      telegramEnabled: false,
      telegramChatId: null,
      telegramTypes: null,
      quietFrom: "00:00",
      quietTo: "23:59",
    })
    expect(prefs.status).toBe(200)
    const v = await provision(admin, "notify-drv", "NTF 002")
    const drv = await h.fleet.db.system.query<{ id: string }>(
      "INSERT INTO drivers (org_id, user_id, full_name) VALUES ($1, $2, 'Test driver') RETURNING id",
      [orgId, driverId],
    )
    await h.fleet.db.system.query(
      "INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at) VALUES ($1, $2, $3, now() - interval '1 hour')",
      [orgId, v.vehicleId, drv.rows[0]?.id],
    )
    const raise = (dedupeKey: string, severity: "info" | "critical", vehicleId: string | null) =>
      raiseNotification(h.fleet.db.system, {
        orgId,
        type: "licence_expiry",
        severity,
        title: `Licence expires (${dedupeKey})`,
        body: "in 14 days",
        link: "/drivers",
        dedupeKey,
        vehicleId,
      })
    expect(await raise("check-a", "info", v.vehicleId)).toBe(true)
    expect(await raise("check-a", "info", v.vehicleId)).toBe(false)
    expect(await raise("check-b", "critical", null)).toBe(true)
    const told = async (key: string) =>
      eventually(async () => {
        const r = await h.fleet.db.system.query<{ email: string; fanned: boolean }>(
          `SELECT u.email, e.fanned_out_at IS NOT NULL AS fanned FROM notification_events e
           LEFT JOIN notifications n ON n.event_id = e.id LEFT JOIN users u ON u.id = n.user_id
           WHERE e.dedupe_key = $1`,
          [key],
        )
        return r.rows[0]?.fanned ? r.rows.map((x) => x.email).sort() : undefined
      })
    // Everyone of the organisation who sees every event: owner, admin, manager, dispatcher.
    const { rows: staff } = await h.fleet.db.system.query<{ email: string }>(
      "SELECT email FROM users WHERE org_id = $1 AND role IN ('owner', 'admin', 'manager', 'dispatcher') AND NOT disabled",
      [orgId],
    )
    const everyone = staff.map((u) => u.email)
    expect(everyone).toContain("disp@demo.fleetcore.local")
    // The driver assigned to the vehicle is told about it; the viewer never is.
    expect(await told("check-a")).toEqual([...everyone, "drv@demo.fleetcore.local"].sort())
    // No vehicle: the driver is not told.
    expect(await told("check-b")).toEqual([...everyone].sort())
    const mailsTo = async (key: string) =>
      (
        await h.fleet.db.system.query<{ target: string }>(
          `SELECT o.target FROM notification_outbox o JOIN notification_events e ON e.id = o.event_id
           WHERE e.dedupe_key = $1 AND o.channel = 'email' ORDER BY o.target`,
          [key],
        )
      ).rows.map((r) => r.target)
    // Quiet hours hold back the dispatcher's info e-mail, not the critical one.
    expect(await mailsTo("check-a")).toContain("drv@demo.fleetcore.local")
    expect(await mailsTo("check-a")).not.toContain("disp@demo.fleetcore.local")
    expect(await mailsTo("check-b")).toContain("disp@demo.fleetcore.local")
    expect(await mailsTo("check-b")).toContain(ADMIN)
  })

  it("lists my notifications unread first, counts, marks one and all read, and hides others'", async () => {
    const dispatcher = await login(h.fleet, "disp@demo.fleetcore.local", DEMO_PASSWORD)
    const mine = await dispatcher.call<{
      items: Array<{ id: string; readAt: string | null; severity: string }>
      total: number
    }>("GET", "/api/v1/notifications")
    expect(mine.body.total).toBe(2)
    const count = async () =>
      (await dispatcher.call<{ count: number }>("GET", "/api/v1/notifications/unread-count")).body.count
    expect(await count()).toBe(2)
    const first = mine.body.items[0]?.id as string
    const read = await dispatcher.call<{ readAt: string | null }>(
      "POST",
      `/api/v1/notifications/${first}/read`,
    )
    expect(read.status).toBe(200)
    expect(read.body.readAt).not.toBeNull()
    expect(await count()).toBe(1)
    const ordered = await dispatcher.call<{ items: Array<{ id: string; readAt: string | null }> }>(
      "GET",
      "/api/v1/notifications",
    )
    expect(ordered.body.items.map((n) => n.readAt === null)).toEqual([true, false])
    const critical = await dispatcher.call<{ total: number }>(
      "GET",
      "/api/v1/notifications?severity=critical",
    )
    expect(critical.body.total).toBe(1)
    // The admin's notifications are not the dispatcher's to read.
    const adminsOwn = await admin.call<{ items: Array<{ id: string }> }>("GET", "/api/v1/notifications")
    const foreign = adminsOwn.body.items[0]?.id as string
    expect((await dispatcher.call("POST", `/api/v1/notifications/${foreign}/read`)).status).toBe(404)
    expect(
      (await dispatcher.call<{ updated: number }>("POST", "/api/v1/notifications/read-all")).body.updated,
    ).toBe(1)
    expect(await count()).toBe(0)
  })
})

describe("in the reader's zone", () => {
  it("writes a message's instant in the reader's own time zone, else the organisation's", async () => {
    const homeId = await createUser(h.fleet, orgId, "manager", "home@demo.fleetcore.local", DEMO_PASSWORD)
    const awayId = await createUser(h.fleet, orgId, "manager", "away@demo.fleetcore.local", DEMO_PASSWORD)
    const home = await login(h.fleet, "home@demo.fleetcore.local", DEMO_PASSWORD)
    const away = await login(h.fleet, "away@demo.fleetcore.local", DEMO_PASSWORD)
    expect((await away.call("PATCH", "/api/v1/me", { timeZone: "America/New_York" })).status).toBe(200)
    // 03:30 UTC: 08:30 in Almaty (the organisation's), 22:30 the day before in New York.
    await raiseNotification(h.fleet.db.system, {
      orgId,
      type: "task_due_soon",
      severity: "info",
      title: "Task due soon",
      body: "",
      link: "/tasks",
      dedupeKey: "zone-of-the-reader",
      recipients: [homeId, awayId],
      message: {
        key: "task_due_soon",
        params: { title: "Inspect the tow truck", dueAt: "2027-03-12T03:30:00.000Z", statusLabel: "open" },
      },
    })
    const bodyFor = (reader: ApiClient) =>
      eventually(async () => {
        const r = await reader.call<{ items: Array<{ type: string; body: string }> }>(
          "GET",
          "/api/v1/notifications",
        )
        return r.body.items.find((n) => n.type === "task_due_soon")?.body.replace(/\s+/gu, " ")
      })
    expect(await bodyFor(home)).toMatch(/^Due Mar 12, 2027, 08:30 AM GMT\+5;/u)
    expect(await bodyFor(away)).toMatch(/^Due Mar 11, 2027, 10:30 PM EST;/u)
    // A webhook has no reader: English, in the organisation's zone.
    const hooked = await eventually(async () =>
      hook.requests
        .map((r) => (JSON.parse(r.body) as { event: { type: string; body: string } }).event)
        .find((e) => e.type === "task_due_soon"),
    )
    expect(hooked.body.replace(/\s+/gu, " ")).toMatch(/^Due Mar 12, 2027, 08:30 AM GMT\+5;/u)
  })
})

describe("preferences choose among the known notification types", () => {
  type Prefs = { inAppTypes: string[] | null; emailTypes: string[] | null; telegramTypes: string[] | null }
  const base = {
    inAppTypes: null,
    emailEnabled: true,
    emailTypes: null,
    telegramEnabled: false,
    telegramChatId: null,
    telegramTypes: null,
    quietFrom: null,
    quietTo: null,
  }

  it("refuses an unknown type naming the field, round-trips known ones, and drops a retired stored one", async () => {
    const userId = await createUser(h.fleet, orgId, "manager", "types@demo.fleetcore.local", DEMO_PASSWORD)
    const manager = await login(h.fleet, "types@demo.fleetcore.local", DEMO_PASSWORD)
    const bad = await manager.call<{ error: { code: string; field?: string } }>(
      "PUT",
      "/api/v1/notifications/preferences",
      { ...base, emailTypes: ["overspeed", "speeding"] },
    )
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe("FLEET_NOTIFICATION_PREFERENCES_INVALID")
    expect(bad.body.error.field).toBe("emailTypes[1]")

    const chosen = { inAppTypes: ["overspeed", "licence_expiry", "budget_threshold"], emailTypes: [] }
    const put = await manager.call<Prefs>("PUT", "/api/v1/notifications/preferences", { ...base, ...chosen })
    expect(put.status).toBe(200)
    const got = await manager.call<Prefs>("GET", "/api/v1/notifications/preferences")
    expect(got.body).toMatchObject({ ...chosen, telegramTypes: null })

    // A type no longer raised, stored before: not answered, so the form can save what it shows.
    await h.fleet.db.system.query(
      "UPDATE notification_preferences SET in_app_types = ARRAY['overspeed', 'retired_kind'] WHERE user_id = $1",
      [userId],
    )
    const cleaned = await manager.call<Prefs>("GET", "/api/v1/notifications/preferences")
    expect(cleaned.status).toBe(200)
    expect(cleaned.body.inAppTypes).toEqual(["overspeed"])
  })
})
