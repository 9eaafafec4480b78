import { endpoints, RULE_SETTING_KEYS, type RuleSettings, reason } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { applyRetention, readRetention } from "../analytics/retention.js"
import { audit } from "../audit/audit.js"
import { firstRow, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"

const validTimezone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/**
 * The rule thresholds among an organisation's settings: the same JSON object also holds the
 * organisation's currency, language and units (`organisation.get`), which are not answered here.
 */
const ruleSettingsOf = (settings: Record<string, unknown> | undefined): typeof RuleSettings.Encoded =>
  Object.fromEntries(
    RULE_SETTING_KEYS.filter((k) => settings?.[k] !== undefined).map((k) => [k, settings?.[k]]),
  ) as typeof RuleSettings.Encoded

/** Organisation rule settings: read by managers, changed by admins, every change audited. */
export const registerSettingsRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "ch" | "tokens" | "log">,
): void => {
  const { db, ch } = deps

  serve(app, deps, endpoints.settings.get, async ({ principal: p }) => {
    const org = await db.withOrg(p.orgId, (c) =>
      firstRow(c, sql.selectFrom("organisations").select("settings")),
    )
    return { body: ruleSettingsOf(org?.settings) }
  })

  serve(app, deps, endpoints.settings.update, async ({ principal: p, body: changes, request }) => {
    if (changes.timezone !== undefined && !validTimezone(changes.timezone)) {
      throw refuse(400, "FLEET_SETTINGS_INVALID", "timezone", reason("timeZone"))
    }
    const updated = await db.withOrg(p.orgId, async (c) => {
      const before =
        (await firstRow(c, sql.selectFrom("organisations").select("settings").forNoKeyUpdate()))?.settings ??
        {}
      const after = await firstRow(
        c,
        sql
          .updateTable("organisations")
          .set({ settings: raw<string>`settings || ${JSON.stringify(changes)}::jsonb` })
          .where("id", "=", p.orgId)
          .returning("settings"),
      )
      // Only the keys whose value changed: before (null when it was unset) and after.
      const changed = Object.entries(changes).filter(
        ([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v),
      )
      if (changed.length > 0) {
        await audit(c, p, request, {
          action: "settings.update",
          entity: "organisation",
          entityId: p.orgId,
          oldValues: Object.fromEntries(changed.map(([k]) => [k, before[k] ?? null])),
          newValues: Object.fromEntries(changed),
        })
      }
      return after?.settings
    })
    // Retention lives in ClickHouse TTLs built from every organisation's setting (docs/analytics.md).
    if (changes.positionsRetentionMonths !== undefined || changes.aggregatesRetentionYears !== undefined) {
      await applyRetention(ch, await readRetention(db))
    }
    return { body: ruleSettingsOf(updated) }
  })
}
