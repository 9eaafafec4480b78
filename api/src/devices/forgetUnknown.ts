import { sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"

/** Drops an identifier from the unknown devices once a device has it. */
export const forgetUnknown = async (
  db: RouteDeps["db"],
  protocol: string,
  identifier: string,
): Promise<void> => {
  const q = sql
    .deleteFrom("unknown_devices")
    .where("protocol", "=", protocol as "teltonika")
    .where("identifier", "=", identifier)
    .compile()
  await db.system.query(q.sql, [...q.parameters])
}
