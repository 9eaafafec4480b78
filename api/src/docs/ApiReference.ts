import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { ALL_ENDPOINTS, endpoints, toOpenApi } from "@fleetcore/contract"
import { type Log, route } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type { ServeDeps } from "../http/serve.js"
import { serve } from "../http/serve.js"

const swaggerDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"))

/** The reference page: Swagger UI (from the swagger-ui-dist package) reading our OpenAPI document. */
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>FleetCore API</title>
  <link rel="stylesheet" href="/api/v1/docs/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="/api/v1/docs/swagger-ui-bundle.js"></script>
  <script src="/api/v1/docs/init.js"></script>
</body>
</html>`

const INIT = `window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#reference", deepLinking: true })`

const ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
}

/**
 * `GET /api/v1/openapi.json`, made once from the declarations, and a browsable reference at
 * `/api/v1/docs`. The document lists exactly the declared endpoints, which are exactly the routes.
 */
export const registerApiReference = (
  app: TemplatedApp,
  deps: ServeDeps & { readonly version: string; readonly log: Log },
): void => {
  const document = toOpenApi(ALL_ENDPOINTS, {
    title: "FleetCore API",
    version: deps.version,
    description:
      "Every endpoint of FleetCore's REST API. Errors answer `{error: {code, message, field}}`; the code and field are stable, the message is in the caller's language.",
  })
  serve(app, deps, endpoints.system.openapi, async () => ({ body: document }))
  serve(app, deps, endpoints.system.reference, async () => ({
    headers: { "content-type": "text/html; charset=utf-8" },
    body: PAGE,
  }))
  const assets: ReadonlyArray<readonly [string, Buffer]> = [
    ...Object.keys(ASSETS).map((name) => [name, readFileSync(join(swaggerDir, name))] as const),
    ["init.js", Buffer.from(INIT)],
  ]
  for (const [name, body] of assets) {
    route(
      app,
      "get",
      `/api/v1/docs/${name}`,
      async () => ({
        status: 200,
        headers: {
          "content-type": ASSETS[name] ?? "text/javascript; charset=utf-8",
          "cache-control": "public, max-age=86400",
        },
        body,
      }),
      { log: deps.log },
    )
  }
}
