import type { ClickHouseClient, Log, PostgresClient } from "@fleetcore/platform"
import type { Tokens } from "../auth/Tokens.js"

/** What route modules need: the stores, token verification and the log. */
export interface RouteDeps {
  readonly db: PostgresClient
  readonly ch: ClickHouseClient
  readonly tokens: Tokens
  readonly log: Log
}

/** A UUID path parameter (ids of vehicles, alerts, tasks…). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
