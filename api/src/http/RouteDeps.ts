import type { ClickHouseClient, Log, PostgresClient } from "@fleetcore/platform"
import type { Tokens } from "../auth/Tokens.js"

/** What route modules need: the stores, token verification and the log. */
export interface RouteDeps {
  readonly db: PostgresClient
  readonly ch: ClickHouseClient
  readonly tokens: Tokens
  readonly log: Log
}
