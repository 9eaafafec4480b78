import type { RunningFleetCore } from "@fleetcore/server"
import type { Page } from "playwright-core"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Documents in the browser: several files uploaded at once through the file picker and by drag
 * and drop, each with its own progress and its own error (a forged PDF is refused with the server's
 * message), thumbnails, image and PDF previews, a cover photo, an expiry edit that turns the badge
 * amber and lists the document under "Expiring", and a delete behind a confirmation. Screenshots in
 * light and dark, English and Russian. The dashboard must be built first.
 */
const POLL = { timeout: 15_000, interval: 100 }

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
)
const photo = (r: number, g: number, b: number) =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: { r, g, b } } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="1200" height="800"><rect x="200" y="300" width="800" height="260" rx="60" fill="#eee"/><circle cx="380" cy="600" r="90" fill="#222"/><circle cx="820" cy="600" r="90" fill="#222"/></svg>`,
        ),
      },
    ])
    .jpeg()
    .toBuffer()

describe("documents in a browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  let vehicleId = ""

  /** Every image on the page decoded (thumbnails load lazily). */
  const imagesLoaded = (page: Page) =>
    expect
      .poll(
        () =>
          page
            .locator("img")
            .evaluateAll((imgs) =>
              imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
            ),
        POLL,
      )
      .toBe(true)
  const shot = async (page: Page, name: string) => {
    await imagesLoaded(page)
    await b.shot(page, name)
  }
  /** The frame scrolls inside its main area: a tall window shows a whole record page. */
  const tallShot = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 1280, height: 1800 })
    await shot(page, name)
    await page.setViewportSize({ width: 1280, height: 900 })
  }
  const uploads = (page: Page, state: string) =>
    page.locator(`[data-testid="document-upload"][data-state="${state}"]`).count()

  beforeAll(async () => {
    b = await startBrowserFleet("documents")
    fleet = b.fleet
    const orgId = b.orgId
    for (const locale of ["en", "ru"])
      await b.addUser({ email: `docs-${locale}@ui.test`, role: "manager", name: `Docs ${locale}`, locale })
    const vehicle = await fleet.db.system.query<{ id: string }>(
      "INSERT INTO vehicles (org_id, name, plate) VALUES ($1, 'Toyota Camry', '123 ABC 02') RETURNING id",
      [orgId],
    )
    vehicleId = vehicle.rows[0]?.id as string
  })
  afterAll(async () => {
    await b?.close()
  })

  it("uploads several files with per-file progress and errors, previews, covers, edits and deletes", async () => {
    // A retried attempt starts, like the first, from an organisation with no documents.
    await fleet.db.system.query("DELETE FROM documents WHERE org_id = $1", [b.orgId])
    const page = await b.newPage()
    await b.signIn(page, "docs-en@ui.test")
    await page.goto(`${fleet.httpUrl}/documents/vehicle/${vehicleId}`)
    await page.getByTestId("documents-panel").waitFor()

    // Three files at once through the picker: a PDF, a photo and an executable named like a PDF.
    await page.getByTestId("document-upload-kind").selectOption("insurance")
    await page
      .getByTestId("documents-panel")
      .getByTestId("document-file-input")
      .setInputFiles([
        { name: "OSAGO 2026.pdf", mimeType: "application/pdf", buffer: PDF },
        { name: "front.jpg", mimeType: "image/jpeg", buffer: await photo(40, 90, 160) },
        { name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\u0090\u0000 not a pdf") },
      ])
    await expect.poll(() => uploads(page, "done"), POLL).toBe(2)
    await expect.poll(() => uploads(page, "failed"), POLL).toBe(1)
    const refusal = await page.getByTestId("document-upload-error").textContent()
    expect(refusal).toContain("JPEG, PNG, WebP, HEIC")
    await expect.poll(() => page.getByTestId("document-item").count(), POLL).toBe(2)

    // Photos by drag and drop onto the gallery's zone.
    const gallery = page.getByTestId("vehicle-photos")
    const side = (await photo(150, 40, 40)).toString("base64")
    const rear = (await photo(40, 140, 60)).toString("base64")
    const dropped: Array<[string, string]> = [
      ["side.jpg", side],
      ["rear.jpg", rear],
    ]
    await gallery.getByTestId("document-drop").evaluate((zone, files) => {
      const transfer = new DataTransfer()
      for (const [name, base64] of files) {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
        transfer.items.add(new File([bytes], name, { type: "image/jpeg" }))
      }
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }))
    }, dropped)
    await expect.poll(() => gallery.getByTestId("photo").count(), POLL).toBe(2)
    await expect.poll(() => page.getByTestId("document-item").count(), POLL).toBe(4)
    // Thumbnails load (the browser decoded the WebP the server made).
    await expect
      .poll(
        () =>
          gallery
            .locator("img")
            .evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth === 320)),
        POLL,
      )
      .toBe(true)
    await tallShot(page, "record-en-light")

    // The newest photo is the cover until another is chosen.
    await gallery.locator('[data-testid="photo"][data-cover="false"]').getByTestId("photo-make-cover").click()
    await expect
      .poll(() => gallery.locator('[data-testid="photo"][data-cover="true"] img').getAttribute("alt"), POLL)
      .toContain("side.jpg")

    // Image and PDF previews.
    const items = page.getByTestId("document-item")
    await items.filter({ hasText: "front.jpg" }).getByTestId("document-preview-open").click()
    await page.getByTestId("document-preview-image").waitFor()
    // A preview is a dialog; only a confirmation (below) is an alert dialog.
    expect(await page.getByTestId("document-preview").getAttribute("role")).toBe("dialog")
    await expect
      .poll(
        () =>
          page.getByTestId("document-preview-image").evaluate((i) => (i as HTMLImageElement).naturalWidth),
        POLL,
      )
      .toBe(1200)
    await shot(page, "preview-image-en-light")
    await page.keyboard.press("Escape")
    await items.filter({ hasText: "OSAGO 2026.pdf" }).getByTestId("document-preview-open").click()
    const pdf = page.getByTestId("document-preview-pdf")
    await pdf.waitFor()
    expect(await pdf.getAttribute("data")).toMatch(/\/content\?inline=true$/u)
    const inline = await page.evaluate(
      async (src) => {
        const res = await fetch(src, { credentials: "same-origin" })
        return [
          res.status,
          res.headers.get("content-type"),
          res.headers.get("content-disposition")?.split(";")[0],
        ]
      },
      (await pdf.getAttribute("data")) as string,
    )
    expect(inline).toEqual([200, "application/pdf", "inline"])
    // Tab goes round the dialog (its focus trap walks every focusable element, the PDF's too).
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab")
      expect(
        await page.evaluate(
          () => document.activeElement?.closest('[data-testid="document-preview"]') !== null,
        ),
      ).toBe(true)
    }
    await shot(page, "preview-pdf-en-light")
    // Where six Tabs end depends on whether the PDF viewer has loaded: inside it, the viewer takes
    // Escape for itself. Escape from the dialog's own close button must close it. A click on the
    // title first, as a user would: after focus went inside the viewer (a frame of the browser's
    // own), a script's focus() moves the page's focus but, on a loaded machine, not always the
    // browser's, which then keeps sending keys to the viewer.
    const preview = page.getByTestId("document-preview")
    await preview.locator(".dialog__title").click()
    await preview.getByRole("button", { name: "Close" }).focus()
    await page.keyboard.press("Escape")
    await preview.waitFor({ state: "detached" })

    // An expiry ten days away: the badge turns amber and the document is listed as expiring.
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
    await items.filter({ hasText: "OSAGO 2026.pdf" }).getByTestId("document-edit-open").click()
    await page.getByTestId("document-edit-expiry").fill(soon)
    await page.getByTestId("document-edit-save").click()
    await expect
      .poll(
        () =>
          items
            .filter({ hasText: "OSAGO 2026.pdf" })
            .getByTestId("document-expiry")
            .getAttribute("data-expiry"),
        POLL,
      )
      .toBe("soon")
    await page.getByTestId("nav-documents").click()
    await page.getByTestId("documents-view-expiring").click()
    await expect
      .poll(() => page.getByTestId("document-row-name").allTextContents(), POLL)
      .toEqual(["OSAGO 2026.pdf"])
    await shot(page, "expiring-en-light")

    // Delete, confirmed.
    await page.goto(`${fleet.httpUrl}/documents/vehicle/${vehicleId}`)
    await items.filter({ hasText: "front.jpg" }).getByTestId("document-delete").click()
    expect(await page.getByTestId("confirm-dialog").getAttribute("role")).toBe("alertdialog")
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect.poll(() => page.getByTestId("document-item").count(), POLL).toBe(3)
    expect(b.pageErrors).toEqual([])
  })

  it("opens a document's record from the list: the vehicle's own page, on its documents tab", async () => {
    const page = await b.newPage()
    await b.signIn(page, "docs-en@ui.test")
    await page.goto(`${fleet.httpUrl}/documents`)
    const record = page.getByTestId("document-row-record").first()
    await expect.poll(() => record.textContent(), POLL).toBe("Toyota Camry · 123 ABC 02")
    await record.click()
    await page.waitForURL((url) => url.pathname === `/vehicles/${vehicleId}`)
    expect(new URL(page.url()).searchParams.get("tab")).toBe("documents")
    await page.getByTestId("vehicle-panel-documents").waitFor()
    expect(await page.getByTestId("vehicle-tab-documents").getAttribute("aria-selected")).toBe("true")
    await expect
      .poll(() => page.getByTestId("vehicle-panel-documents").getByTestId("document-item").count(), POLL)
      .toBe(3)
    expect(b.pageErrors).toEqual([])
  })

  it("looks right in dark and in Russian", async () => {
    const [locale, scheme] = ["ru", "dark"] as const
    const page = await b.newPage({ colorScheme: scheme })
    await b.signIn(page, `docs-${locale}@ui.test`)
    await page.goto(`${fleet.httpUrl}/documents`)
    await expect.poll(() => page.getByTestId("documents-row").count(), POLL).toBe(3)
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale)
    await shot(page, `list-${locale}-${scheme}`)
    await page.goto(`${fleet.httpUrl}/documents/vehicle/${vehicleId}`)
    await expect.poll(() => page.getByTestId("document-item").count(), POLL).toBe(3)
    await page
      .getByTestId("documents-panel")
      .getByTestId("document-file-input")
      .setInputFiles([{ name: "readme.txt", mimeType: "text/plain", buffer: Buffer.from("plain text") }])
    await expect.poll(() => uploads(page, "failed"), POLL).toBe(1)
    await tallShot(page, `record-${locale}-${scheme}`)
    expect(b.pageErrors).toEqual([])
  })

  it("names a task's and a ticket's record in the list, and opens the ticket", async () => {
    const token = await b.tokenOf()
    const task = await b.api<{ id: string }>(token, "POST", "/api/v1/tasks", {
      title: "Replace the wiper blades on the airport shuttle before the rains",
    })
    const ticket = await b.api<{ id: string; number: number }>(token, "POST", "/api/v1/tickets", {
      type: "damage",
      title: "Cracked windscreen",
      vehicleId,
    })
    for (const [entityType, entityId] of [
      ["task", task.id],
      ["ticket", ticket.id],
    ] as const) {
      const form = new FormData()
      form.append("entityType", entityType)
      form.append("entityId", entityId)
      form.append("kind", "other")
      form.append("files", new Blob([await photo(40, 90, 160)], { type: "image/jpeg" }), `${entityType}.jpg`)
      const res = await fetch(`${fleet.httpUrl}/api/v1/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: form,
      })
      expect(res.status).toBe(201)
    }
    const page = await b.newPage()
    await b.signIn(page, "docs-en@ui.test")
    await page.goto(`${fleet.httpUrl}/documents?sort=filename`)
    const recordOf = (file: string) =>
      page.getByTestId("documents-row").filter({ hasText: file }).getByTestId("document-row-record")
    await expect
      .poll(() => recordOf("task.jpg").textContent(), POLL)
      .toBe("Replace the wiper blades on the airport shuttle before the rains")
    expect(await recordOf("task.jpg").getAttribute("title")).toBe(
      "Replace the wiper blades on the airport shuttle before the rains",
    )
    expect(await recordOf("ticket.jpg").textContent()).toBe(`#${ticket.number} Cracked windscreen`)
    await shot(page, "list-task-ticket-en-light")
    await recordOf("ticket.jpg").click()
    await page.waitForURL((url) => url.pathname === `/tickets/${ticket.id}`)
    expect(b.pageErrors).toEqual([])
  })

  it("lists the expiring documents soonest first when opened from the home page (seed 003)", async () => {
    const token = await b.tokenOf("docs-en@ui.test")
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    // A vehicle of their own: the other tests count the first vehicle's documents.
    const papers = await fleet.db.system.query<{ id: string }>(
      "INSERT INTO vehicles (org_id, name, plate) VALUES ($1, 'Kia Rio', '456 DEF 02') RETURNING id",
      [b.orgId],
    )
    // Uploaded in another order than their expiry.
    for (const [name, offset] of [
      ["later.pdf", 20],
      ["expired.pdf", -3],
      ["soon.pdf", 5],
    ] as const) {
      const form = new FormData()
      form.append("entityType", "vehicle")
      form.append("entityId", papers.rows[0]?.id as string)
      form.append("kind", "insurance")
      form.append("expiresOn", day(offset))
      form.append("files", new Blob([PDF], { type: "application/pdf" }), name)
      const res = await fetch(`${fleet.httpUrl}/api/v1/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: form,
      })
      expect(res.status).toBe(201)
    }
    const page = await b.newPage()
    await b.signIn(page, "docs-en@ui.test")
    await page.getByTestId("home-documents-count").click()
    await page.waitForURL((url) => url.pathname === "/documents")
    const mine = ["expired.pdf", "soon.pdf", "later.pdf"]
    await expect
      .poll(
        async () =>
          (await page.getByTestId("document-row-name").allTextContents()).filter((n) => mine.includes(n)),
        POLL,
      )
      .toEqual(mine)
    expect(b.pageErrors).toEqual([])
  })

  it("records a licence's number and issue date with the file, shows and edits them (seed 003 step 4.4)", async () => {
    const driver = await fleet.db.system.query<{ id: string }>(
      "INSERT INTO drivers (org_id, full_name) VALUES ($1, 'Ivan Petrov') RETURNING id",
      [b.orgId],
    )
    const page = await b.newPage()
    await b.signIn(page, "docs-ru@ui.test")
    await page.goto(`${fleet.httpUrl}/documents/driver/${driver.rows[0]?.id}`)
    const panel = page.getByTestId("documents-panel")
    await panel.waitFor()
    await page.getByTestId("document-upload-kind").selectOption("licence")
    await page.getByTestId("document-upload-title").fill("Водительское удостоверение")
    await page.getByTestId("document-upload-number").fill("DL-123456789")
    await page.getByTestId("document-upload-issued").fill("2020-05-10")
    await page.getByTestId("document-upload-expiry").fill("2030-05-10")
    await panel
      .getByTestId("document-file-input")
      .setInputFiles([{ name: "licence.pdf", mimeType: "application/pdf", buffer: PDF }])
    const details = panel.getByTestId("document-details")
    await expect
      .poll(() => details.textContent(), POLL)
      .toBe("Водительское удостоверение · № DL-123456789 · выдан 10 мая 2020 г.")
    await shot(page, "licence-details-ru-light")

    await panel.getByTestId("document-edit-open").click()
    expect(await page.getByTestId("document-edit-number").inputValue()).toBe("DL-123456789")
    expect(await page.getByTestId("document-edit-issued").inputValue()).toBe("2020-05-10")
    await page.getByTestId("document-edit-number").fill("DL-987654321")
    // An expiry before the issue date: the server's reason under the expiry's own label.
    await page.getByTestId("document-edit-expiry").fill("2019-01-01")
    await page.getByTestId("document-edit-save").click()
    await expect
      .poll(() => page.getByTestId("document-edit-form").textContent(), POLL)
      .toContain("раньше даты выдачи")
    await page.getByTestId("document-edit-expiry").fill("2030-05-10")
    await page.getByTestId("document-edit-save").click()
    await expect.poll(() => details.textContent(), POLL).toContain("№ DL-987654321")
    // The documents list finds it by its number and shows what is written on it.
    await page.goto(`${fleet.httpUrl}/documents?q=DL-9876`)
    await expect
      .poll(() => page.getByTestId("document-row-details").allTextContents(), POLL)
      .toEqual(["Водительское удостоверение · № DL-987654321 · выдан 10 мая 2020 г."])
    // The file's name stays whole beside its details, not squeezed out of its column.
    expect(
      await page
        .getByTestId("document-row-name")
        .evaluate((name) => name.clientWidth > 0 && name.scrollWidth <= name.clientWidth),
    ).toBe(true)
    await b.shot(page, "list-details-ru-light")
    expect(b.pageErrors).toEqual([])
  })
})
