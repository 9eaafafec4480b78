import { reason } from "@fleetcore/contract"
import type pg from "pg"
import { refuse } from "./refuse.js"

/** What a request body may refer to, and which rows of it count (e.g. only active fuel cards). */
const REFERENCES = {
  vehicle: "SELECT 1 FROM vehicles WHERE id = $1",
  vehicleType: "SELECT 1 FROM vehicle_types WHERE id = $1",
  /** A driver record that has not left the company. */
  driver: "SELECT 1 FROM drivers WHERE id = $1 AND status <> 'terminated'",
  /** Any driver record, terminated ones too (binding a card, moving into a team). */
  anyDriver: "SELECT 1 FROM drivers WHERE id = $1",
  team: "SELECT 1 FROM teams WHERE id = $1",
  activeFuelCard: "SELECT 1 FROM fuel_cards WHERE id = $1 AND active",
  driverRecord: "SELECT 1 FROM drivers WHERE id = $1",
  document: "SELECT 1 FROM documents WHERE id = $1",
} as const
export type ReferenceKind = keyof typeof REFERENCES

/**
 * Resolves an id taken from a request body inside the caller's organisation: `client` is a
 * `withOrg` connection, so row-level security hides other organisations' rows. A foreign key
 * check in PostgreSQL does not see RLS, which is why this look-up must come before the write.
 * Another organisation's id and an id that does not exist get the same 422 naming the field.
 */
export const requireReference = async (
  client: pg.PoolClient,
  kind: ReferenceKind,
  id: string,
  field: string,
): Promise<void> => {
  const found = await client.query(REFERENCES[kind], [id])
  if ((found.rowCount ?? 0) === 0) {
    throw refuse(422, "FLEET_REFERENCE_NOT_FOUND", field, reason("referenceMissing"))
  }
}
