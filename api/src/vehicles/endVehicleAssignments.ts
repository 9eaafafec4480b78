import type pg from "pg"

/**
 * A decommissioned vehicle leaves the fleet with nobody driving it: its assignment covering now ends
 * now and the ones planned for later are dropped, as terminating a driver does to theirs. The ended
 * periods stay, so who drove it until then is still known. `c` is a `withOrg` connection.
 * Answers how many assignments were ended or dropped.
 */
export const endVehicleAssignments = async (c: pg.ClientBase, vehicleId: string): Promise<number> => {
  const dropped = await c.query(
    "DELETE FROM driver_assignments WHERE vehicle_id = $1 AND starts_at > now()",
    [vehicleId],
  )
  const ended = await c.query(
    "UPDATE driver_assignments SET ends_at = now() WHERE vehicle_id = $1 AND (ends_at IS NULL OR ends_at > now())",
    [vehicleId],
  )
  return (dropped.rowCount ?? 0) + (ended.rowCount ?? 0)
}
