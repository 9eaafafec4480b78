import { readdirSync, readFileSync } from "node:fs"
import { extname, join, relative, sep } from "node:path"
import { HttpError, type Log, type Reply, route } from "@fleetcore/platform"
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
  ".txt": "text/plain; charset=utf-8",
}

/** The files of the built dashboard, keyed by URL path (`/assets/index-3f2a.js`). */
export type StaticManifest = ReadonlyMap<string, Reply>

/** Every file under `root`, read once; hashed assets (under `assets/`) are immutable. */
export const buildStaticManifest = (root: string): StaticManifest => {
  const manifest = new Map<string, Reply>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) {
        const url = `/${relative(root, path).split(sep).join("/")}`
        manifest.set(url, {
          status: 200,
          headers: {
            "content-type": TYPES[extname(path)] ?? "application/octet-stream",
            "cache-control": url.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
            "x-content-type-options": "nosniff",
          },
          body: readFileSync(path),
        })
      }
    }
  }
  walk(root)
  return manifest
}

const notFound = () => new HttpError(404, "FLEET_NOT_FOUND", "no such file")

/**
 * First path segments that belong to the server, never to the dashboard: `/readyz/` or
 * `/api/v2/x` or a GET of `/ingest/v1/telemetry` is a 404, not the dashboard's page (a probe, a
 * client or a device must not read HTML as "up" or "stored").
 */
const SERVER_SEGMENTS = new Set(["api", "ingest", "healthz", "readyz", "metrics"])
const isServerPath = (path: string): boolean => SERVER_SEGMENTS.has(path.split("/")[1] ?? "")

/**
 * Serves the built dashboard from a manifest made once at start-up: no file system access per
 * request (so no path can escape `root`) and no cache that grows with the paths asked for. An
 * unknown path without an extension is a page of the SPA (index.html), unless the server owns its
 * first segment; one with an extension is a 404.
 */
export const registerStaticFiles = (app: TemplatedApp, root: string, log: Log): void => {
  const manifest = buildStaticManifest(root)
  const index = manifest.get("/index.html")
  route(
    app,
    "get",
    "/*",
    async (request) => {
      let path: string
      try {
        path = decodeURIComponent(request.url)
      } catch {
        throw notFound()
      }
      const file = manifest.get(path === "/" ? "/index.html" : path)
      if (file !== undefined) return file
      if (extname(path) === "" && index !== undefined && !isServerPath(path)) return index
      throw notFound()
    },
    { log },
  )
}
