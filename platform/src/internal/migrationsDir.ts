import { createRequire } from "node:module"
import { dirname, join } from "node:path"

const require = createRequire(import.meta.url)

/** The versioned migration files shipped by `@fleetcore/infra`. */
export const migrationsDir = (store: "postgres" | "clickhouse"): string =>
  join(dirname(require.resolve("@fleetcore/infra/package.json")), "migrations", store)
