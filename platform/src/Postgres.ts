import { Context } from "effect"
import type pg from "pg"

/**
 * Business records. `system` runs as the owner (bypasses row-level security) and is for the
 * engine, ingest and auth look-ups; `withOrg` runs a transaction as the `fleetcore_app` role with
 * `app.org_id` set, so row-level security confines every statement to that organisation.
 */
export interface PostgresClient {
  readonly system: pg.Pool
  readonly withOrg: <A>(orgId: string, work: (client: pg.PoolClient) => Promise<A>) => Promise<A>
  readonly close: () => Promise<void>
}

export class Postgres extends Context.Service<Postgres, PostgresClient>()("fleetcore/Postgres") {}
