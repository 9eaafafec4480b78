import { crossCheckRefuels, raiseAlerts } from "@fleetcore/engine"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import { assignedDriverAt } from "../alerts/assignedDriverAt.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import type { LimitWarning } from "./fuelCardLimits.js"
import type { RefuelCheck } from "./refuelCheck.js"

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
          },
        ]),
    ...warnings.map((w) => ({
      type: "fuel_card_limit",
      key: `${w.cardId}:${w.period}`,
      severity: "warning" as const,
      details: { period: w.period, spent: w.spent, limit: w.limit, currency: w.currency, cardId: w.cardId },
    })),
  ]
  const mismatches = await crossCheckRefuels(deps.db.system, deps.ch, orgId, vehicleId, at.getTime())
  // The driver of the assignment covering the refuel, as the engine sets it on the alerts it raises.
  const driverId = await assignedDriverAt(deps.db.system, orgId, vehicleId, at)
  const raised = [
    ...alerts.map((a) => ({
      ...a,
      driverId,
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
