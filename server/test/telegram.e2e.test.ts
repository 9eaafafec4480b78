import { renderOcrSample } from "@fleetcore/load-tests/ocr"
import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { initDataHash } from "../../api/src/telegram/initData.js"
import {
  type ApiClient,
  createOrg,
  DEMO_PASSWORD,
  demoOrgId,
  eventually,
  type Harness,
  login,
  provision,
  startHarness,
} from "./harness.js"
import { type SentMessage, startFakeBotApi } from "./telegram/fakeBotApi.js"

/**
 * Telegram as a front door (issue 16), against a local server speaking the Bot API's HTTP: a user
 * links their account once with a one-time code (the bot's `/start <code>` or the Mini App), the
 * Mini App signs them in with `initData` signed here with the bot's token, and a photo sent to the
 * bot becomes OCR candidates that record nothing until the person picks one.
 */
const TOKEN = "4242:fleet-test-bot-token"
const DRIVER_PASSWORD = "telegram-driver-password"

let h: Harness
let bot: Awaited<ReturnType<typeof startFakeBotApi>>
let admin: ApiClient
let driver: ApiClient
let orgId: string
let vehicleId: string
let driverUserId: string

const aigerim = { id: 5001, first_name: "Aigerim", username: "aigerim_k", language_code: "ru" }
const stranger = { id: 5002, first_name: "Mallory", language_code: "en" }

/** The next message the bot sends to `chatId` after the `seen` it had sent before. */
const replyTo = async (chatId: number, seen: number, label: string): Promise<SentMessage> =>
  eventually(
    async () => bot.sent.slice(seen).find((m) => m.chatId === chatId),
    60_000,
    `the bot's answer: ${label}`,
  )

/** initData as a Telegram client hands it to the Mini App, signed with `token`. */
const initData = (
  user: { id: number; first_name: string },
  token = TOKEN,
  authDate = Math.floor(Date.now() / 1000),
) => {
  const fields = new URLSearchParams({
    auth_date: String(authDate),
    query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
    user: JSON.stringify(user),
  })
  fields.set("hash", initDataHash(fields, token))
  return fields.toString()
}

const signIn = async (body: Record<string, unknown>) => {
  const r = await fetch(`${h.fleet.httpUrl}/api/v1/auth/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  })
  return {
    status: r.status,
    cookies: r.headers.getSetCookie(),
    body: (await r.json()) as { user?: { email: string }; error?: { code: string; message: string } },
  }
}

const count = async (sql: string, params: unknown[]) =>
  Number((await h.fleet.db.system.query<{ n: string }>(sql, params)).rows[0]?.n)

beforeAll(async () => {
  h = await startHarness()
  bot = await startFakeBotApi(TOKEN)
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  orgId = await demoOrgId(h.fleet)
  vehicleId = (await provision(admin, "tg-car-1", "TG 001")).vehicleId
  driverUserId = (
    await h.fleet.db.system.query<{ id: string }>(
      "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, 'tg.driver@demo.example', 'Aigerim Driver', $2, 'driver', 'ru') RETURNING id",
      [orgId, await hashSecret(DRIVER_PASSWORD)],
    )
  ).rows[0]?.id as string
  const record = (
    await h.fleet.db.system.query<{ id: string }>(
      "INSERT INTO drivers (org_id, user_id, full_name) VALUES ($1, $2, 'Aigerim Driver') RETURNING id",
      [orgId, driverUserId],
    )
  ).rows[0]?.id as string
  const assigned = await admin.call("POST", `/api/v1/vehicles/${vehicleId}/assignments`, {
    driverId: record,
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
  })
  expect(assigned.status).toBe(201)
  driver = await login(h.fleet, "tg.driver@demo.example", DRIVER_PASSWORD)
}, 120_000)
afterAll(async () => {
  await h?.close()
  await bot?.close()
})

describe("Telegram", () => {
  it("says the bot is not set up until the organisation sets it up, then starts it", async () => {
    const before = await driver.call<{ available: boolean; linked: boolean }>("GET", "/api/v1/me/telegram")
    expect(before.body).toMatchObject({ available: false, linked: false })
    const code = await driver.call<{ error: { code: string } }>("POST", "/api/v1/me/telegram/link-code")
    expect([code.status, code.body.error.code]).toEqual([409, "FLEET_TELEGRAM_NOT_CONFIGURED"])

    const set = await admin.call("PUT", "/api/v1/notification-settings", {
      telegramEnabled: true,
      telegramToken: TOKEN,
      telegramApiUrl: bot.url,
    })
    expect(set.status, JSON.stringify(set.body)).toBe(200)
    // The bot answered getMe: its name is known, so the code comes with a deep link.
    const status = await eventually(
      async () => {
        const r = await driver.call<{ available: boolean; botUsername: string | null }>(
          "GET",
          "/api/v1/me/telegram",
        )
        return r.body.botUsername === "fleet_test_bot" ? r.body : undefined
      },
      30_000,
      "the bot polling",
    )
    expect(status.available).toBe(true)
  })

  it("links an account once with /start <code>, makes its chat the notification target, and refuses the code again", async () => {
    const issued = await driver.call<{ code: string; expiresAt: string; deepLink: string }>(
      "POST",
      "/api/v1/me/telegram/link-code",
    )
    expect(issued.status).toBe(201)
    expect(issued.body.code).toMatch(/^[A-Z0-9]{10}$/u)
    expect(issued.body.deepLink).toBe(`https://t.me/fleet_test_bot?start=${issued.body.code}`)
    expect(Date.parse(issued.body.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000)
    // Only its digest is stored.
    expect(
      await count("SELECT count(*) AS n FROM telegram_link_codes WHERE code_hash::text LIKE $1", [
        `%${issued.body.code}%`,
      ]),
    ).toBe(0)

    let seen = bot.sent.length
    bot.sendText(aigerim, `/start ${issued.body.code}`)
    const linked = await replyTo(aigerim.id, seen, "linked")
    expect(linked.text).toContain("Aigerim Driver")
    expect(linked.text).toMatch(/Привязано/u)
    const status = await driver.call<{ linked: boolean; telegramUsername: string }>(
      "GET",
      "/api/v1/me/telegram",
    )
    expect(status.body).toMatchObject({ linked: true, telegramUsername: "aigerim_k" })
    const preferences = await driver.call<{ telegramEnabled: boolean; telegramChatId: string }>(
      "GET",
      "/api/v1/notifications/preferences",
    )
    expect(preferences.body).toMatchObject({ telegramEnabled: true, telegramChatId: "5001" })

    seen = bot.sent.length
    bot.sendText(stranger, `/start ${issued.body.code}`)
    const refused = await replyTo(stranger.id, seen, "code used")
    expect(refused.text).toMatch(/wrong, already used or expired/u)
    seen = bot.sent.length
    bot.sendText(stranger, "hello")
    expect((await replyTo(stranger.id, seen, "not linked")).text).toMatch(/not linked/u)
    expect(
      await count("SELECT count(*) AS n FROM audit_log WHERE action = 'telegram.link' AND entity_id = $1", [
        driverUserId,
      ]),
    ).toBe(1)
  })

  it("sends the linked user's notifications through the bot to their chat", async () => {
    const seen = bot.sent.length
    const task = await admin.call("POST", "/api/v1/tasks", {
      title: "Wash TG 001 before the inspection",
      assigneeUserId: driverUserId,
    })
    expect(task.status, JSON.stringify(task.body)).toBe(201)
    const told = await replyTo(aigerim.id, seen, "the task's notification")
    expect(told.text).toContain("Wash TG 001 before the inspection")
  })

  it("turns an odometer photo into candidates and records only the one the driver picks, once", async () => {
    const sample = await renderOcrSample("odometer", 120_001)
    const readings = () =>
      count("SELECT count(*) AS n FROM odometer_readings WHERE vehicle_id = $1", [vehicleId])
    const before = await readings()
    let seen = bot.sent.length
    bot.sendPhoto(aigerim, sample.jpeg)
    const asked = await replyTo(aigerim.id, seen, "what is on the photo")
    expect(asked.text).toBe("Что на фото?")
    const odometerButton = asked.buttons.flat().find((b) => b.text === "Одометр")
    expect(odometerButton?.data).toMatch(/^k:[0-9a-f-]{36}:o$/u)
    // The photo is kept as a document of the driver's vehicle.
    expect(
      await count("SELECT count(*) AS n FROM documents WHERE entity_id = $1 AND kind = 'photo'", [vehicleId]),
    ).toBe(1)

    seen = bot.sent.length
    bot.press(aigerim, odometerButton?.data ?? "")
    const offered = await replyTo(aigerim.id, seen, "the candidates")
    expect(offered.text).toMatch(/TG 001/u)
    const expected = Number(sample.expected.odometer)
    const pick = offered.buttons
      .flat()
      .find((b) => Number(b.text.replace(/[^\d,.]/gu, "").replace(",", ".")) === expected)
    expect(pick, JSON.stringify(offered.buttons)).toBeDefined()
    expect(offered.buttons.flat().at(-1)?.text).toBe("Ничего не подходит")
    // Suggestions write nothing.
    expect(await readings()).toBe(before)

    seen = bot.sent.length
    bot.press(aigerim, pick?.data ?? "")
    const recorded = await replyTo(aigerim.id, seen, "recorded")
    expect(recorded.text).toMatch(/^Записано/u)
    const row = await h.fleet.db.system.query<{ value_km: string; entered_by: string }>(
      "SELECT value_km::text, entered_by FROM odometer_readings WHERE vehicle_id = $1 ORDER BY at DESC LIMIT 1",
      [vehicleId],
    )
    expect(Number(row.rows[0]?.value_km)).toBe(expected)
    expect(row.rows[0]?.entered_by).toBe(driverUserId)
    expect(await readings()).toBe(before + 1)

    // A second press (or a replayed update) records nothing more.
    seen = bot.sent.length
    bot.press(aigerim, pick?.data ?? "")
    expect((await replyTo(aigerim.id, seen, "already answered")).text).toBe("На это фото уже ответили.")
    expect(await readings()).toBe(before + 1)
  })

  it("turns a fuel receipt into a refuel of the driver's vehicle, with the photo as its receipt, once confirmed", async () => {
    const sample = await renderOcrSample("fuel_receipt", 130_001)
    const refuels = () =>
      count("SELECT count(*) AS n FROM expenses WHERE vehicle_id = $1 AND category = 'fuel'", [vehicleId])
    let seen = bot.sent.length
    bot.sendPhoto(aigerim, sample.jpeg, "чек заправки")
    const offered = await replyTo(aigerim.id, seen, "the refuel read")
    expect(offered.text).toMatch(/^Заправка Vehicle tg-car-1 \(TG 001\)/u)
    expect(await refuels()).toBe(0)
    const record = offered.buttons.flat().find((b) => b.text === "Записать")
    seen = bot.sent.length
    bot.press(aigerim, record?.data ?? "")
    expect((await replyTo(aigerim.id, seen, "recorded")).text).toMatch(/^Записано: заправка/u)
    const stored = await h.fleet.db.system.query<{
      litres: string
      amount: string | null
      receipt: string | null
    }>(
      `SELECT f.litres::text AS litres, e.amount::text AS amount, e.receipt_document_id AS receipt
       FROM expenses e JOIN fuel_entries f ON f.id = e.id WHERE e.vehicle_id = $1`,
      [vehicleId],
    )
    expect(stored.rows).toHaveLength(1)
    expect(Number(stored.rows[0]?.litres)).toBe(Number(sample.expected.litres))
    expect(Number(stored.rows[0]?.amount)).toBe(Number(sample.expected.amount))
    const photo = await h.fleet.db.system.query<{ document_id: string; record_id: string }>(
      "SELECT document_id, record_id FROM telegram_photos WHERE status = 'confirmed' AND kind = 'fuel_receipt'",
    )
    expect(stored.rows[0]?.receipt).toBe(photo.rows[0]?.document_id)
  })

  it("lets a photo be dismissed without recording anything", async () => {
    const sample = await renderOcrSample("odometer", 120_001)
    let seen = bot.sent.length
    bot.sendPhoto(aigerim, sample.jpeg, "одометр")
    // The caption says what it shows: the candidates come at once.
    const offered = await replyTo(aigerim.id, seen, "the candidates")
    const none = offered.buttons.flat().find((b) => b.data.startsWith("x:"))
    seen = bot.sent.length
    bot.press(aigerim, none?.data ?? "")
    expect((await replyTo(aigerim.id, seen, "dismissed")).text).toBe("Ничего не записано.")
    const photo = await h.fleet.db.system.query<{ status: string; record_id: string | null }>(
      "SELECT status, record_id FROM telegram_photos ORDER BY created_at DESC LIMIT 1",
    )
    expect(photo.rows[0]).toEqual({ status: "dismissed", record_id: null })
  })

  it("signs a linked account in to the Mini App with initData signed by the bot, and no one else", async () => {
    const ok = await signIn({ organisationId: orgId, initData: initData(aigerim) })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.user?.email).toBe("tg.driver@demo.example")
    const session = ok.cookies.find((c) => c.startsWith("fleet_session="))
    expect(session).toBeDefined()
    const me = await fetch(`${h.fleet.httpUrl}/api/v1/me`, {
      headers: { cookie: (session ?? "").split(";")[0] ?? "" },
    })
    expect(((await me.json()) as { email: string }).email).toBe("tg.driver@demo.example")

    const forged = await signIn({ organisationId: orgId, initData: initData(aigerim, "4242:another-bot") })
    expect([forged.status, forged.body.error?.code]).toEqual([401, "FLEET_TELEGRAM_INIT_DATA_INVALID"])
    const stale = await signIn({
      organisationId: orgId,
      initData: initData(aigerim, TOKEN, Math.floor(Date.now() / 1000) - 2 * 24 * 3600),
    })
    expect([stale.status, stale.body.error?.code]).toEqual([401, "FLEET_TELEGRAM_INIT_DATA_INVALID"])
    const unlinked = await signIn({ organisationId: orgId, initData: initData(stranger) })
    expect([unlinked.status, unlinked.body.error?.code]).toEqual([401, "FLEET_TELEGRAM_NOT_LINKED"])
    const wrongCode = await signIn({
      organisationId: orgId,
      initData: initData(stranger),
      linkCode: "ABCDEFGHJK",
    })
    expect([wrongCode.status, wrongCode.body.error?.code]).toEqual([401, "FLEET_TELEGRAM_LINK_CODE_INVALID"])

    // Another organisation without a bot: nothing to sign in to.
    const other = await createOrg(h.fleet, "tg-other", "tg-other-password")
    const none = await signIn({ organisationId: other.orgId, initData: initData(aigerim) })
    expect([none.status, none.body.error?.code]).toEqual([404, "FLEET_TELEGRAM_NOT_CONFIGURED"])
  })

  it("links from the Mini App with a code, and an unlinked account is signed in no more", async () => {
    const viewerId = (
      await h.fleet.db.system.query<{ id: string }>(
        "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'tg.viewer@demo.example', 'Tg Viewer', $2, 'viewer') RETURNING id",
        [orgId, await hashSecret(DRIVER_PASSWORD)],
      )
    ).rows[0]?.id as string
    const viewer = await login(h.fleet, "tg.viewer@demo.example", DRIVER_PASSWORD)
    const issued = await viewer.call<{ code: string }>("POST", "/api/v1/me/telegram/link-code")
    const linked = await signIn({
      organisationId: orgId,
      initData: initData(stranger),
      linkCode: issued.body.code,
    })
    expect(linked.status, JSON.stringify(linked.body)).toBe(200)
    expect(linked.body.user?.email).toBe("tg.viewer@demo.example")
    // The code worked once.
    const again = await signIn({
      organisationId: orgId,
      initData: initData(stranger),
      linkCode: issued.body.code,
    })
    expect(again.body.error?.code).toBe("FLEET_TELEGRAM_LINK_CODE_INVALID")

    // A viewer records nothing: the bot says so and keeps no photo.
    const seen = bot.sent.length
    bot.sendPhoto(stranger, (await renderOcrSample("odometer", 120_001)).jpeg)
    expect((await replyTo(stranger.id, seen, "not allowed")).text).toBe("Your role cannot record this.")
    expect(await count("SELECT count(*) AS n FROM telegram_photos WHERE user_id = $1", [viewerId])).toBe(0)

    const unlinked = await viewer.call<{ linked: boolean }>("DELETE", "/api/v1/me/telegram")
    expect(unlinked.body.linked).toBe(false)
    const after = await signIn({ organisationId: orgId, initData: initData(stranger) })
    expect(after.body.error?.code).toBe("FLEET_TELEGRAM_NOT_LINKED")
  })
})
