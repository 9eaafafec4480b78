import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs"
import type { BrowserFleet } from "./browserFleet.js"

const require = createRequire(import.meta.url)
const PDFJS_DIR = dirname(require.resolve("pdfjs-dist/legacy/build/pdf.mjs")).replace(
  "/legacy/build",
  "/build",
)

/** The text of every page of a PDF, pages separated by a line break (pdfjs-dist). */
export const pdfText = async (bytes: Buffer): Promise<string> => {
  const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise
  const parts: Array<string> = []
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent()
    parts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "))
  }
  return parts.join("\n")
}

/** A PDF's first page drawn by pdfjs-dist inside Chromium, photographed as `name`. */
export const shootPdf = async (b: BrowserFleet, bytes: Buffer, name: string): Promise<void> => {
  const page = await b.newPage({ width: 1200, height: 850 })
  await page.route("http://pdf.test/**", async (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === "/report.pdf") return route.fulfill({ body: bytes, contentType: "application/pdf" })
    if (path === "/") {
      return route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><body style="margin:0;background:#888"><canvas id="c"></canvas><script type="module">
          import * as pdfjs from "/pdf.mjs"
          pdfjs.GlobalWorkerOptions.workerSrc = "/pdf.worker.mjs"
          const pdf = await pdfjs.getDocument("/report.pdf").promise
          const first = await pdf.getPage(1)
          const viewport = first.getViewport({ scale: 1.4 })
          const canvas = document.getElementById("c")
          canvas.width = viewport.width
          canvas.height = viewport.height
          await first.render({ canvas, viewport }).promise
          document.body.dataset.rendered = "yes"
        </script></body>`,
      })
    }
    return route.fulfill({ path: join(PDFJS_DIR, path.slice(1)), contentType: "text/javascript" })
  })
  await page.goto("http://pdf.test/")
  await page.locator("body[data-rendered=yes]").waitFor({ timeout: 20_000 })
  await b.shot(page, name, { fullPage: false })
  await page.close()
}
