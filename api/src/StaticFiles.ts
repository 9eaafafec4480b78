import { readFile, stat } from "node:fs/promises"
import { extname, join, normalize } from "node:path"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".map": "application/json",
}

/**
 * Serves the built dashboard (dashboard/dist) with an SPA fallback to index.html. Hashed assets
 * are cached for a year; index.html never. Files are read once and kept in memory.
 */
export const registerStaticFiles = (app: TemplatedApp, root: string): void => {
  const cache = new Map<string, Buffer | null>()
  const load = async (path: string): Promise<Buffer | null> => {
    if (!cache.has(path)) {
      const file = await stat(path).then(
        (s) => (s.isFile() ? readFile(path) : null),
        () => null,
      )
      cache.set(path, file)
    }
    return cache.get(path) ?? null
  }
  app.get("/*", (res, req) => {
    const url = req.getUrl()
    let aborted = false
    res.onAborted(() => {
      aborted = true
    })
    const relative = normalize(decodeURIComponent(url)).replace(/^(\.\.[/\\])+/, "")
    const wanted = join(root, relative === "/" ? "index.html" : relative)
    const inside = wanted.startsWith(root)
    void (async () => {
      let path = inside ? wanted : join(root, "index.html")
      let body = await load(path)
      if (body === null && extname(relative) === "") {
        path = join(root, "index.html")
        body = await load(path)
      }
      if (aborted) return
      res.cork(() => {
        if (body === null) {
          res.writeStatus("404 Not Found").writeHeader("content-type", "text/plain").end("not found")
          return
        }
        const immutable = path.includes(`${join(root, "assets")}`)
        res
          .writeStatus("200 OK")
          .writeHeader("content-type", TYPES[extname(path)] ?? "application/octet-stream")
          .writeHeader("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
          .writeHeader("x-content-type-options", "nosniff")
          .end(body)
      })
    })()
  })
}
