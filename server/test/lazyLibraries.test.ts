import { execFile } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")

/**
 * Libraries only some requests need (PDF and XLSX exports, images, e-mail, Telegram, the common
 * passwords list) are loaded on first use, so a server at rest does not hold them: 100,000 idle
 * device connections must fit in 1 GiB with the server itself. Checked on the built server's module
 * graph in a process of its own (what `npm start` loads), through the CommonJS module cache these
 * packages land in (nodemailer, the AWS SDK and the Kafka client load as ES modules, which that
 * cache does not list: the bench's memory figures cover them).
 */
describe("the server's module graph", () => {
  it("loads no export, image, Telegram or password-list library until one is used", async () => {
    const script = `
      import { createRequire } from "node:module"
      await import(${JSON.stringify(join(repo, "server", "dist", "FleetCore.js"))})
      const loaded = Object.keys(createRequire(import.meta.url).cache)
      console.log(JSON.stringify(loaded))`
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: repo,
      maxBuffer: 64 * 1024 * 1024,
    })
    const loaded = JSON.parse(stdout) as string[]
    // The graph did load: the CommonJS packages every server uses are there.
    expect(loaded.some((path) => path.includes("/node_modules/pg/"))).toBe(true)
    const heavy = ["exceljs", "pdfmake", "jszip", "sharp", "grammy", "@zxcvbn-ts/language-common"]
    expect(heavy.filter((name) => loaded.some((path) => path.includes(`/node_modules/${name}/`)))).toEqual([])
  })
})
