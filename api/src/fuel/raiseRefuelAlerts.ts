import { crossCheckRefuels, raiseAlerts } from "@fleetcore/engine"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import { assignedDriverAt } from "../alerts/assignedDriverAt.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import type { LimitWarning } from "./fuelCardLimits.js"
import type { RefuelCheck } from "./refuelCheck.js"

/** The drivers the cards are issued to (cards bound to a vehicle only are left out). */
const cardDriversOf = async (
  deps: Pick<RouteDeps, "db">,
  orgId: string,
  cardIds: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, string>> => {
  if (cardIds.length === 0) return new Map()
  const { rows } = await deps.db.system.query<{ id: string; driver_id: string }>(
    "SELECT id, driver_id FROM fuel_cards WHERE org_id = $1 AND id = ANY($2::uuid[]) AND driver_id IS NOT NULL",
    [orgId, [...new Set(cardIds)]],
  )
  return new Map(rows.map((r) => [r.id, r.driver_id]))
}

/**
 * The alerts a stored refuel raises: a consumption anomaly, each card limit it took over, and a
 * mismatch with the fill the fuel sensor saw (checked now if the sensor's fill is already stored;
 * the engine checks again when it detects a fill, whichever comes second).
 */
export const raiseRefuelAlerts = async (
  deps: Pick<RouteDeps, "db" | "ch">,
  orgId: string,
  vehicleId: string,
  at: Date,
  entry: { readonly id: string; readonly litres: number },
  check: RefuelCheck | null,
  warnings: ReadonlyArray<LimitWarning>,
): Promise<void> => {
  const anomaly = check?.kind === "checked" && check.anomaly ? check : null
  const mismatches = await crossCheckRefuels(deps.db.system, deps.ch, orgId, vehicleId, at.getTime())
  // The driver of the assignment covering the refuel, as the engine sets it on the alerts it raises.
  const driverId = await assignedDriverAt(deps.db.system, orgId, vehicleId, at)
  const cardDrivers = await cardDriversOf(
    deps,
    orgId,
    warnings.map((w) => w.cardId),
  )
  const alerts = [
    ...(anomaly === null
      ? []
      : [
          {
            type: "fuel_consumption",
            key: entry.id,
            severity: "warning" as const,
            details: {
              expectedL: anomaly.expectedL,
              actualL: entry.litres,
              differencePct: anomaly.differencePct,
            },
            driverId,
          },
        ]),
    // One alert per card, period and the period's first day: each breach stays an alert of its own.
    ...warnings.map((w) => ({
      type: "fuel_card_limit",
      key: `${w.cardId}:${w.period}:${w.periodStart}`,
      severity: "warning" as const,
      details: {
        cardId: w.cardId,
        cardName: w.cardName,
        period: w.period,
        periodStart: w.periodStart,
        spent: w.spent,
        limit: w.limit,
        currency: w.currency,
      },
      // The driver the card is issued to answers for it; a vehicle's card, the vehicle's driver.
      driverId: cardDrivers.get(w.cardId) ?? driverId,
    })),
  ]
  const raised = [
    ...alerts.map((a) => ({
      ...a,
      orgId: orgId as OrgId,
      vehicleId: vehicleId as VehicleId,
      timeMs: at.getTime(),
      lat: null,
      lon: null,
    })),
    ...mismatches.map((m) => ({ ...m, driverId: m.driverId ?? driverId })),
  ]
  if (raised.length > 0) await raiseAlerts(deps.db.system, raised)
}
