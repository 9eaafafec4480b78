import { checkReadiness, makeMetricsAccess } from "@fleetcore/api/shared"
import {
  type BusTransport,
  type ClickHouseClient,
  type Log,
  type MetricsShape,
  type PostgresClient,
  route,
} from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"

export interface RoleHealthDeps {
  readonly db: PostgresClient
  /** null in a process without ClickHouse (ingest alone). */
  readonly ch: ClickHouseClient | null
  readonly bus: BusTransport
  readonly log: Log
  readonly metrics: MetricsShape
  readonly metricsToken: string | null
  readonly version: string
}

/**
 * `/healthz`, `/readyz` and `/metrics` for a process without the API role (ingest, engine), with
 * the API's paths and answers, so one probe configuration fits every role. Ready means the stores
 * this process uses answer: PostgreSQL always (device authentication, rule state), ClickHouse
 * where the engine runs. Anything else is a 404.
 */
export const registerRoleHealth = (http: TemplatedApp, deps: RoleHealthDeps): void => {
  const metricsAccess = makeMetricsAccess(deps.metricsToken)
  const options = { log: deps.log }
  route(
    http,
    "get",
    "/healthz",
    async () => ({ status: 200, body: { status: "ok", version: deps.version } }),
    options,
  )
  route(
    http,
    "get",
    "/readyz",
    async () => {
      const { ready, checks } = await checkReadiness(deps)
      return { status: ready ? 200 : 503, body: { status: ready ? "ready" : "not ready", checks } }
    },
    options,
  )
  route(
    http,
    "get",
    "/metrics",
    async (request) => {
      metricsAccess(request)
      deps.metrics.busPending.set(deps.bus.pending())
      return {
        status: 200,
        headers: { "content-type": deps.metrics.registry.contentType },
        body: await deps.metrics.registry.metrics(),
      }
    },
    options,
  )
  http.any("/*", (res) => {
    res.cork(() => {
      res
        .writeStatus("404 Not Found")
        .writeHeader("content-type", "application/json; charset=utf-8")
        .end(JSON.stringify({ error: { code: "FLEET_NOT_FOUND", message: "no such endpoint" } }))
    })
  })
}
