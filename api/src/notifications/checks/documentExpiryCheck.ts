import { type CheckContext, raiseCheck, VEHICLE_LABEL } from "./CheckContext.js"
import { EXPIRY_THRESHOLDS, expiryStage } from "./expiryStage.js"

/**
 * Document expiry (documents.expires_on): 30/14/7 days, and expired. A document is named by its
 * record: a vehicle, a driver, or a contract's vehicle; the vehicle's driver is told too.
 */
export const documentExpiryCheck = async (ctx: CheckContext): Promise<number> => {
  const { rows } = await ctx.pool.query<{
    id: string
    entity_type: string
    entity_id: string
    kind: string
    filename: string
    owner: string | null
    vehicle_id: string | null
    expires_on: string
    days_left: number
  }>(
    `SELECT doc.id, doc.entity_type, doc.entity_id, doc.kind, doc.filename,
            COALESCE(${VEHICLE_LABEL("v")}, d.full_name, ${VEHICLE_LABEL("cv")}) AS owner,
            COALESCE(v.id, cv.id) AS vehicle_id,
            to_char(doc.expires_on, 'YYYY-MM-DD') AS expires_on, (doc.expires_on - $2::date) AS days_left
     FROM documents doc
     LEFT JOIN vehicles v ON doc.entity_type = 'vehicle' AND v.id = doc.entity_id AND v.org_id = doc.org_id
     LEFT JOIN drivers d ON doc.entity_type = 'driver' AND d.id = doc.entity_id AND d.org_id = doc.org_id
     LEFT JOIN contracts c ON doc.entity_type = 'contract' AND c.id = doc.entity_id AND c.org_id = doc.org_id
     LEFT JOIN vehicles cv ON cv.id = c.vehicle_id AND cv.org_id = doc.org_id
     WHERE doc.org_id = $1 AND doc.expires_on IS NOT NULL AND doc.expires_on BETWEEN $2::date - 30 AND $2::date + 30`,
    [ctx.orgId, ctx.today],
  )
  let raised = 0
  for (const r of rows) {
    const stage = expiryStage(r.days_left, EXPIRY_THRESHOLDS, ctx.sinceDays)
    if (stage === null) continue
    const mark = stage.stage === "expired" ? "expired" : String(stage.threshold)
    if (
      await raiseCheck(ctx, {
        type: "document_expiry",
        severity: stage.severity,
        dedupeKey: `document_expiry:${r.id}:${r.expires_on}:${mark}`,
        link: `/documents/${r.entity_type}/${r.entity_id}`,
        vehicleId: r.vehicle_id,
        key: "document_expiry",
        params: {
          stage: stage.stage,
          days: r.days_left,
          documentKind: r.kind,
          filename: r.filename,
          owner: r.owner ?? r.filename,
          expiresOn: r.expires_on,
        },
      })
    )
      raised++
  }
  return raised
}
