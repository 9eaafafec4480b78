import { raiseAlerts, withdrawUnsupported } from "@fleetcore/engine"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Issue 10, alerts reconciled after late points: an overspeed alert the rules raised, then withdrew
 * when a re-run over late points no longer found it (the engine's own raiseAlerts and
 * withdrawUnsupported), reads as resolved in the inbox, and its page says the rules withdrew it and
 * why. Screenshots in light and dark, English and Russian go to test-results/late-alerts/.
 */

const POLL = { timeout: 20_000, interval: 100 }

describe("a withdrawn alert in a browser", () => {
  let b: BrowserFleet
  let alertId = ""

  beforeAll(async () => {
    b = await startBrowserFleet("late-alerts")
    await b.addUser({ email: "dispatcher@late.test", role: "dispatcher", locale: "en" })
    await b.addUser({ email: "dispetcher@late.test", role: "dispatcher", locale: "ru" })
    const token = await b.tokenOf()
    const vehicleId = (
      await b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", { name: "Courier", plate: "LATE 303" })
    ).id
    const atMs = Date.now() - 3_600_000
    const [opened] = await raiseAlerts(b.fleet.db.system, [
      {
        orgId: b.orgId as OrgId,
        vehicleId: vehicleId as VehicleId,
        type: "overspeed",
        key: "",
        severity: "warning",
        timeMs: atMs,
        lat: 43.24,
        lon: 76.91,
        details: { limitKmh: 35, maxKmh: 47, sinceMs: atMs - 620_000 },
      },
    ])
    alertId = opened?.id ?? ""
    // The re-run from a checkpoint before it derived nothing: the alert is withdrawn.
    const withdrawn = await withdrawUnsupported(
      b.fleet.db.system,
      { vehicleId, afterMs: atMs - 900_000 },
      { alerts: [], incidents: [] },
    )
    expect(withdrawn.map((a) => a.id)).toEqual([alertId])
  })
  afterAll(async () => {
    await b?.close()
  })

  it("shows it resolved in the inbox, and withdrawn by the rules with the reason on its page", async () => {
    for (const [email, scheme, name, line] of [
      ["dispatcher@late.test", "light", "en-light", "Withdrawn by the rules: late data do not support it"],
      ["dispatcher@late.test", "dark", "en-dark", "Withdrawn by the rules: late data do not support it"],
      [
        "dispetcher@late.test",
        "light",
        "ru-light",
        "Отозвано правилами: опоздавшие данные его не подтверждают",
      ],
      [
        "dispetcher@late.test",
        "dark",
        "ru-dark",
        "Отозвано правилами: опоздавшие данные его не подтверждают",
      ],
    ] as const) {
      const page = await b.newPage({ colorScheme: scheme })
      await b.signIn(page, email)
      await page.goto(`${b.fleet.httpUrl}/alerts?status=resolved`)
      await expect.poll(() => page.getByText("LATE 303").count(), POLL).toBeGreaterThan(0)
      await b.shot(page, `inbox-${name}`)
      await page.goto(`${b.fleet.httpUrl}/alerts/${alertId}`)
      const history = page.getByTestId("alert-history-item")
      await expect.poll(() => history.count(), POLL).toBe(1)
      expect(await history.getAttribute("data-action")).toBe("withdraw")
      expect(await history.innerText()).toContain(line)
      expect(await page.getByTestId("alert-resolution-note").innerText()).toContain(
        "not supported by late data",
      )
      expect(await page.getByTestId("alert-resolve").count()).toBe(0)
      await b.shot(page, `alert-${name}`)
      await page.close()
    }
    expect(b.pageErrors).toEqual([])
  })
})
