import { type CheckContext, raiseCheck, VEHICLE_LABEL } from "./CheckContext.js"
import { EXPIRY_THRESHOLDS, expiryStage } from "./expiryStage.js"

/**
 * Contract and insurance expiry (contracts' end dates): 30/14/7 days, and ended. Insurance kinds
 * are told as `insurance_expiry`, the others as `contract_expiry`. Cancelled contracts, contracts
 * that renew themselves and contracts already followed by a renewal are left alone.
 */
export const contractExpiryCheck = async (ctx: CheckContext): Promise<number> => {
  const { rows } = await ctx.pool.query<{
    id: string
    type: string
    contractor: string
    vehicle_id: string
    vehicle: string
    ends_on: string
    days_left: number
  }>(
    `SELECT c.id, c.type, c.contractor, c.vehicle_id, ${VEHICLE_LABEL("v")} AS vehicle,
            to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, (c.ends_on - $2::date) AS days_left
     FROM contracts c JOIN vehicles v ON v.id = c.vehicle_id AND v.org_id = c.org_id
     WHERE c.org_id = $1 AND c.cancelled_at IS NULL AND NOT c.auto_renew
       AND c.ends_on BETWEEN $2::date - 30 AND $2::date + 30
       AND NOT EXISTS (SELECT 1 FROM contracts n WHERE n.org_id = c.org_id AND n.previous_contract_id = c.id
                         AND n.cancelled_at IS NULL)`,
    [ctx.orgId, ctx.today],
  )
  let raised = 0
  for (const r of rows) {
    const stage = expiryStage(r.days_left, EXPIRY_THRESHOLDS, ctx.sinceDays)
    if (stage === null) continue
    const type = r.type.startsWith("insurance_") ? "insurance_expiry" : "contract_expiry"
    const mark = stage.stage === "expired" ? "expired" : String(stage.threshold)
    if (
      await raiseCheck(ctx, {
        type,
        severity: stage.severity,
        dedupeKey: `${type}:${r.id}:${r.ends_on}:${mark}`,
        link: `/contracts/${r.id}`,
        vehicleId: r.vehicle_id,
        key: "contract_expiry",
        params: {
          stage: stage.stage,
          days: r.days_left,
          contractType: r.type,
          contractor: r.contractor,
          vehicle: r.vehicle,
          endsOn: r.ends_on,
        },
      })
    )
      raised++
  }
  return raised
}
