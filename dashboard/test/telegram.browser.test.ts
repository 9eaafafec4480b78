import { createHmac } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/**
 * Telegram in the browser (issue 16): a driver makes a link code in their profile (with the bot's
 * deep link and its QR code), opens FleetCore from Telegram as a Mini App (initData signed here, as
 * Telegram documents it, with the organisation's bot token), types the code once and lands in the
 * driver portal; the profile sees the link; the administrator finds the Mini App's address.
 */
const TOKEN = "5151:browser-test-bot-token"
const DRIVER = "tg.browser.driver@demo.example"
const POLL = { timeout: 20_000 }

/** initData as a Telegram client puts it in a Mini App's address, signed with the bot's token. */
const signedInitData = (user: {
  id: number
  first_name: string
  username: string
  language_code: string
}): string => {
  const fields = new URLSearchParams({
    auth_date: String(Math.floor(Date.now() / 1000)),
    query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
    user: JSON.stringify(user),
  })
  const checked = [...fields.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("\n")
  const secret = createHmac("sha256", "WebAppData").update(TOKEN).digest()
  fields.set("hash", createHmac("sha256", secret).update(checked).digest("hex"))
  return fields.toString()
}

let b: BrowserFleet

beforeAll(async () => {
  b = await startBrowserFleet("telegram")
  const admin = await b.tokenOf()
  // The organisation's bot: its token in the Telegram channel. Its Bot API is not reachable here,
  // so the bot's name is what it answered getMe with on an earlier start.
  await b.api(admin, "PUT", "/api/v1/notification-settings", {
    telegramEnabled: true,
    telegramToken: TOKEN,
    telegramApiUrl: "http://127.0.0.1:9",
  })
  await b.fleet.db.system.query(
    "INSERT INTO telegram_bots (org_id, username) VALUES ($1, 'fleet_demo_bot')",
    [b.orgId],
  )
  await b.addUser({ email: DRIVER, role: "driver", name: "Aigerim Driver", locale: "ru" })
}, 180_000)
afterAll(async () => {
  await b?.close()
})

describe("Telegram", () => {
  it("links a driver's Telegram account from the profile and the Mini App, and signs them in from Telegram", async () => {
    const profile = await b.newPage({ colorScheme: "dark" })
    await b.signIn(profile, DRIVER)
    await profile.goto(`${b.fleet.httpUrl}/profile`)
    const section = profile.getByTestId("telegram-section")
    await section.getByTestId("telegram-link").waitFor()
    expect(await section.textContent()).toContain("Привяжите аккаунт Telegram")
    await section.getByTestId("telegram-link").click()
    const code = (await section.getByTestId("telegram-code").textContent())?.trim() ?? ""
    expect(code).toMatch(/^[A-Z0-9]{10}$/u)
    expect(await section.getByTestId("telegram-open-bot").getAttribute("href")).toBe(
      `https://t.me/fleet_demo_bot?start=${code}`,
    )
    await section.locator("figure img").waitFor()
    await section.scrollIntoViewIfNeeded()
    await b.shot(profile, "profile-link-code-dark-ru")

    // Telegram opens the Mini App at the address given to BotFather, with its data in the fragment.
    const phone = await b.newPage({ width: 390, height: 780, locale: "ru-RU" })
    const data = signedInitData({
      id: 7001,
      first_name: "Aigerim",
      username: "aigerim_k",
      language_code: "ru",
    })
    await phone.goto(
      `${b.fleet.httpUrl}/tg?org=${b.orgId}#tgWebAppData=${encodeURIComponent(data)}&tgWebAppVersion=7.10&tgWebAppPlatform=android`,
    )
    await phone.getByTestId("telegram-link-form").waitFor(POLL)
    await b.shot(phone, "mini-app-link-phone")
    // A wrong code is refused in words and the form stays.
    await phone.getByTestId("telegram-code").fill("ZZZZZZZZZZ")
    await phone.getByTestId("telegram-sign-in").click()
    await phone.getByTestId("telegram-error").waitFor(POLL)
    expect(await phone.getByTestId("telegram-error").textContent()).toMatch(
      /неверен, уже использован или истёк/u,
    )
    await phone.getByTestId("telegram-code").fill(code.toLowerCase())
    await phone.getByTestId("telegram-sign-in").click()
    await phone.waitForURL((url) => url.pathname === "/driver", POLL)
    await phone.getByTestId("sidebar").waitFor({ state: "attached" })
    await b.shot(phone, "mini-app-driver-portal-phone")

    // The profile, still open, sees the bot take the code.
    await section.getByTestId("telegram-linked").waitFor(POLL)
    expect(await section.getByTestId("telegram-linked").textContent()).toContain("@aigerim_k")
    await b.shot(profile, "profile-linked-dark-ru")

    // Opened again from Telegram, the linked account is signed in at once.
    const again = await b.newPage({ width: 390, height: 780, locale: "ru-RU" })
    await again.goto(`${b.fleet.httpUrl}/tg?org=${b.orgId}#tgWebAppData=${encodeURIComponent(data)}`)
    await again.waitForURL((url) => url.pathname === "/driver", POLL)

    // Not from Telegram: said so, nothing is tried.
    const browser = await b.newPage()
    await browser.goto(`${b.fleet.httpUrl}/tg?org=${b.orgId}`)
    await browser.getByTestId("telegram-not-from-telegram").waitFor(POLL)

    // Unlinked from the profile: the Mini App asks for a code again.
    await section.getByTestId("telegram-unlink").click()
    await profile.getByRole("alertdialog").getByRole("button", { name: "Отвязать" }).click()
    await section.getByTestId("telegram-link").waitFor(POLL)
    const after = await b.newPage({ width: 390, height: 780, locale: "ru-RU" })
    await after.goto(`${b.fleet.httpUrl}/tg?org=${b.orgId}#tgWebAppData=${encodeURIComponent(data)}`)
    await after.getByTestId("telegram-link-form").waitFor(POLL)
    expect(b.pageErrors).toEqual([])
  }, 180_000)

  it("shows the administrator the Mini App's address to give BotFather", async () => {
    const demo = b.fleet.demo as { email: string; password: string }
    const admin = await b.newPage()
    await admin.goto(`${b.fleet.httpUrl}/login`)
    await admin.getByTestId("login-email").fill(demo.email)
    await admin.getByTestId("login-password").fill(demo.password)
    await admin.getByTestId("login-submit").click()
    await admin.waitForURL((url) => url.pathname !== "/login")
    await admin.goto(`${b.fleet.httpUrl}/settings/notifications`)
    const address = admin.getByTestId("channels-mini-app-address")
    await address.waitFor(POLL)
    expect(await address.textContent()).toBe(`${b.fleet.httpUrl}/tg?org=${b.orgId}`)
    await b.shot(admin, "channels-mini-app-address")
    expect(b.pageErrors).toEqual([])
  }, 120_000)
})
