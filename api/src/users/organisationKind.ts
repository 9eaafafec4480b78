import type { CentreStatus } from "@fleetcore/contract"
import type pg from "pg"

/** Whether organisation `orgId` is a fleet or a service centre, and the centre's status. */
export const organisationKind = async (
  c: pg.ClientBase,
  orgId: string,
): Promise<{ readonly kind: "fleet" | "service_centre"; readonly centreStatus: CentreStatus | null }> => {
  const found = await c.query<{ kind: "fleet" | "service_centre"; status: CentreStatus | null }>(
    `SELECT o.kind, s.status FROM organisations o LEFT JOIN service_centres s ON s.org_id = o.id
     WHERE o.id = $1`,
    [orgId],
  )
  const row = found.rows[0]
  return { kind: row?.kind ?? "fleet", centreStatus: row?.status ?? null }
}
