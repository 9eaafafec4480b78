import { type CheckContext, raiseCheck } from "./CheckContext.js"
import { EXPIRY_THRESHOLDS, expiryStage } from "./expiryStage.js"

/** The driver's papers with an expiry: the column and the notification type of each. */
const PAPERS = [
  { column: "licence_expires_on", type: "licence_expiry" },
  { column: "medical_expires_on", type: "medical_expiry" },
] as const

/** Driving licence and medical certificate expiry of the drivers still employed: 30/14/7 days, expired. */
export const driverExpiryCheck = async (ctx: CheckContext): Promise<number> => {
  let raised = 0
  for (const paper of PAPERS) {
    const { rows } = await ctx.pool.query<{ id: string; full_name: string; on: string; days_left: number }>(
      `SELECT d.id, d.full_name, to_char(d.${paper.column}, 'YYYY-MM-DD') AS on,
              (d.${paper.column} - $2::date) AS days_left
       FROM drivers d
       WHERE d.org_id = $1 AND d.status <> 'terminated' AND d.${paper.column} IS NOT NULL
         AND d.${paper.column} BETWEEN $2::date - 30 AND $2::date + 30`,
      [ctx.orgId, ctx.today],
    )
    for (const r of rows) {
      const stage = expiryStage(r.days_left, EXPIRY_THRESHOLDS, ctx.sinceDays)
      if (stage === null) continue
      const mark = stage.stage === "expired" ? "expired" : String(stage.threshold)
      if (
        await raiseCheck(ctx, {
          type: paper.type,
          severity: stage.severity,
          dedupeKey: `${paper.type}:${r.id}:${r.on}:${mark}`,
          link: `/drivers/${r.id}`,
          vehicleId: null,
          key: paper.type,
          params: { stage: stage.stage, days: r.days_left, driver: r.full_name, expiresOn: r.on },
        })
      )
        raised++
    }
  }
  return raised
}
