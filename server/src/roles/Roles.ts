import { Option } from "effect"
import type { AppConfig } from "../AppConfig.js"

/**
 * What a FleetCore process runs. `ingest`: MQTT, HTTP ingest and the trackers' TCP listeners,
 * publishing to the bus. `engine`: consumes telemetry, runs the rules, writes the stores. `api`: REST,
 * the dashboard, the live WebSocket hub and the notification workers. `all` is the three in one
 * process (the default, and the only choice on the embedded bus).
 */
export type Role = "ingest" | "engine" | "api"

export const ROLES: ReadonlyArray<Role> = ["ingest", "engine", "api"]

/** `FLEET_ROLES` / the command line: `all`, or a comma-separated list such as `engine,api`. */
export const ROLES_PATTERN = /^(?:all|(?:ingest|engine|api)(?:,(?:ingest|engine|api))*)$/u

/** The roles of a list (in their canonical order); `all` is every role. */
export const parseRoles = (text: string): ReadonlyArray<Role> => {
  const wanted = text.trim()
  if (!ROLES_PATTERN.test(wanted))
    throw new Error(`roles must be "all" or a list of ingest,engine,api: ${text}`)
  if (wanted === "all") return ROLES
  const named = new Set(wanted.split(","))
  return ROLES.filter((role) => named.has(role))
}

export const isAllRoles = (roles: ReadonlyArray<Role>): boolean => ROLES.every((role) => roles.includes(role))

/**
 * Why this process cannot run its roles with this configuration, or null. Every store a role shares
 * with another process must be a server: the embedded log, PostgreSQL and chDB are one process's
 * folder. The device-secret verifier and access tokens derive from FLEET_JWT_SECRET, which must
 * then be the same everywhere (a generated one lives in one data folder).
 */
export const rolesProblem = (config: AppConfig): string | null => {
  const roles = config.roles
  if (isAllRoles(roles)) return null
  const named = `FLEET_ROLES=${roles.join(",")}`
  if (config.bus.kind !== "kafka")
    return `${named} needs FLEET_BUS=kafka: the embedded bus log is one process's folder (run "all", or set FLEET_BUS=kafka and FLEET_KAFKA_BROKERS)`
  if (Option.isNone(config.databaseUrl))
    return `${named} needs DATABASE_URL: the embedded PostgreSQL is one process's folder`
  if (Option.isNone(config.jwtSecret))
    return `${named} needs FLEET_JWT_SECRET (the same in every process): tokens and device secrets are checked with keys derived from it`
  const engine = roles.includes("engine")
  const api = roles.includes("api")
  if (engine !== api && Option.isNone(config.clickhouseUrl))
    return `${named} needs CLICKHOUSE_URL: the API reads what the engine writes, and chDB (the embedded ClickHouse) is in-process, so without a ClickHouse server "engine" and "api" must run in one process ("engine,api")`
  return null
}
