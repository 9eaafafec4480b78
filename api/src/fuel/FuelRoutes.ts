import { checkRefuel, crossCheckRefuels, raiseAlerts } from "@fleetcore/engine"
import { HttpError, route } from "@fleetcore/platform"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { authorize } from "../auth/authorize.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import { type RouteDeps, UUID } from "../http/RouteDeps.js"
import { requireReference } from "../http/requireReference.js"
import { vehicleIdParam } from "../vehicles/visibleVehicle.js"
import { exceededCardLimits } from "./fuelCardLimits.js"
import { CreateFuelCard, CreateFuelEntry, FuelEntryFilter } from "./fuelSchemas.js"

const ENTRY_COLUMNS = `id, vehicle_id, time, litres::float8 AS litres, amount::text AS amount, currency,
  odometer_km::float8 AS odometer_km, fuel_card_id, note, entered_by, distance_km::float8 AS distance_km,
  expected_l::float8 AS expected_l, difference_l::float8 AS difference_l, difference_pct::float8 AS difference_pct,
  anomaly, anomaly_status, checked_by, checked_at`

interface EntryRow {
  id: string
  vehicle_id: string
  time: Date
  litres: number
  amount: string
  currency: string
  odometer_km: number
  fuel_card_id: string | null
  note: string | null
  entered_by: string | null
  distance_km: number | null
  expected_l: number | null
  difference_l: number | null
  difference_pct: number | null
  anomaly: boolean
  anomaly_status: "none" | "unchecked" | "checked"
  checked_by: string | null
  checked_at: Date | null
}

const entryView = (r: EntryRow) => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  time: r.time.toISOString(),
  litres: r.litres,
  amount: r.amount,
  currency: r.currency,
  odometerKm: r.odometer_km,
  fuelCardId: r.fuel_card_id,
  note: r.note,
  enteredBy: r.entered_by,
  consumption:
    r.expected_l === null
      ? null
      : {
          distanceKm: r.distance_km,
          expectedL: r.expected_l,
          actualL: r.litres,
          differenceL: r.difference_l,
          differencePct: r.difference_pct,
        },
  anomaly: r.anomaly,
  anomalyStatus: r.anomaly_status,
  checkedBy: r.checked_by,
  checkedAt: r.checked_at?.toISOString() ?? null,
})

const Check = Schema.Struct({ note: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))) })

/** Refuels with the consumption check, fuel cards with spending limits (warn, never block). */
export const registerFuelRoutes = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db, ch, tokens, log } = deps

  route(
    app,
    "post",
    "/api/v1/vehicles/:id/fuel-entries",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager", "driver"])
      const vehicleId = vehicleIdParam(request)
      const body = decodeOr400(CreateFuelEntry, jsonBody(request.body), "FLEET_FUEL_ENTRY_INVALID")
      const at = new Date(body.time)
      if (Number.isNaN(at.getTime()) || at.getTime() > Date.now() + 5 * 60_000) {
        throw new HttpError(
          400,
          "FLEET_FUEL_ENTRY_INVALID",
          "time must be a valid date-time, not in the future",
          "time",
        )
      }
      const result = await db.withOrg(p.orgId, async (c) => {
        const vehicle = (
          await c.query<{ rated: number | null; settings: Record<string, unknown> }>(
            `SELECT t.rated_consumption_l_100km::float8 AS rated, o.settings
             FROM vehicles v JOIN organisations o ON o.id = v.org_id
             LEFT JOIN vehicle_types t ON t.id = v.vehicle_type_id WHERE v.id = $1`,
            [vehicleId],
          )
        ).rows[0]
        if (vehicle === undefined) throw new HttpError(404, "FLEET_VEHICLE_NOT_FOUND", "no such vehicle")
        const previous = (
          await c.query<{ odometer_km: number }>(
            "SELECT odometer_km::float8 AS odometer_km FROM fuel_entries WHERE vehicle_id = $1 AND time < $2 ORDER BY time DESC LIMIT 1",
            [vehicleId, at],
          )
        ).rows[0]
        const threshold = Number(vehicle.settings.fuelAnomalyThresholdPct ?? 15)
        const check = checkRefuel(
          previous === undefined ? null : { odometerKm: previous.odometer_km },
          { odometerKm: body.odometerKm, litres: body.litres },
          vehicle.rated,
          threshold,
        )
        if (check.kind === "invalid")
          throw new HttpError(400, "FLEET_FUEL_ODOMETER_NOT_INCREASING", check.reason, "odometerKm")
        if (body.fuelCardId) await requireReference(c, "activeFuelCard", body.fuelCardId, "fuelCardId")
        const checked = check.kind === "checked" ? check : null
        const entry = (
          await c.query<EntryRow>(
            `INSERT INTO fuel_entries (org_id, vehicle_id, time, litres, amount, currency, odometer_km, fuel_card_id, note,
                                       entered_by, distance_km, expected_l, difference_l, difference_pct, anomaly, anomaly_status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
             RETURNING ${ENTRY_COLUMNS}`,
            [
              p.orgId,
              vehicleId,
              at,
              body.litres,
              body.amount,
              body.currency,
              body.odometerKm,
              body.fuelCardId ?? null,
              body.note ?? null,
              p.userId,
              checked?.distanceKm ?? null,
              checked?.expectedL ?? null,
              checked?.differenceL ?? null,
              checked?.differencePct ?? null,
              checked?.anomaly ?? false,
              checked?.anomaly ? "unchecked" : "none",
            ],
          )
        ).rows[0] as EntryRow
        const timezone =
          typeof vehicle.settings.timezone === "string" ? vehicle.settings.timezone : "Asia/Almaty"
        const warnings = body.fuelCardId ? await exceededCardLimits(c, body.fuelCardId, at, timezone) : []
        await audit(c, p, request, {
          action: "fuel-entry.create",
          entity: "fuel_entry",
          entityId: entry.id,
          newValues: entry,
        })
        return { entry, warnings, baseline: check.kind === "baseline" }
      })
      const alerts = [
        ...(result.entry.anomaly
          ? [
              {
                type: "fuel_consumption",
                key: result.entry.id,
                severity: "warning" as const,
                details: {
                  expectedL: result.entry.expected_l,
                  actualL: result.entry.litres,
                  differencePct: result.entry.difference_pct,
                },
              },
            ]
          : []),
        ...result.warnings.map((w) => ({
          type: "fuel_card_limit",
          key: `${w.cardId}:${w.period}`,
          severity: "warning" as const,
          details: {
            period: w.period,
            spent: w.spent,
            limit: w.limit,
            currency: w.currency,
            cardId: w.cardId,
          },
        })),
      ]
      // The sensor's fill may already be stored: check this entry against it now (the engine
      // checks again when it detects a fill, whichever comes second).
      const mismatches = await crossCheckRefuels(db.system, ch, p.orgId, vehicleId, at.getTime())
      const raised = [
        ...alerts.map((a) => ({
          ...a,
          orgId: p.orgId as OrgId,
          vehicleId: vehicleId as VehicleId,
          timeMs: at.getTime(),
          lat: null,
          lon: null,
        })),
        ...mismatches,
      ]
      if (raised.length > 0) await raiseAlerts(db.system, raised)
      return {
        status: 201,
        body: { ...entryView(result.entry), baseline: result.baseline, warnings: result.warnings },
      }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/fuel-entries",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager", "analyst"])
      const f = decodeOr400(FuelEntryFilter, Object.fromEntries(request.query), "FLEET_QUERY_INVALID")
      const rows = await db.withOrg(
        p.orgId,
        async (c) =>
          (
            await c.query<EntryRow>(
              `SELECT ${ENTRY_COLUMNS} FROM fuel_entries
               WHERE ($1::uuid IS NULL OR vehicle_id = $1)
                 AND ($2::text IS NULL OR ($2 = 'any' AND anomaly) OR anomaly_status = $2)
               ORDER BY time DESC LIMIT 1000`,
              [f.vehicleId ?? null, f.anomaly ?? null],
            )
          ).rows,
      )
      return { status: 200, body: { items: rows.map(entryView) } }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/fuel-entries/:id/check",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager"])
      const id = request.params[0] ?? ""
      if (!UUID.test(id)) throw new HttpError(404, "FLEET_FUEL_ENTRY_NOT_FOUND", "no such fuel entry")
      const body = request.body.length
        ? decodeOr400(Check, jsonBody(request.body), "FLEET_FUEL_ENTRY_INVALID")
        : {}
      const row = await db.withOrg(p.orgId, async (c) => {
        const updated = await c.query<EntryRow>(
          `UPDATE fuel_entries SET anomaly_status = 'checked', checked_by = $2, checked_at = now()
           WHERE id = $1 AND anomaly_status = 'unchecked' RETURNING ${ENTRY_COLUMNS}`,
          [id, p.userId],
        )
        if (updated.rowCount === 0) {
          const exists = await c.query("SELECT 1 FROM fuel_entries WHERE id = $1", [id])
          if (exists.rowCount === 0)
            throw new HttpError(404, "FLEET_FUEL_ENTRY_NOT_FOUND", "no such fuel entry")
          throw new HttpError(
            409,
            "FLEET_FUEL_ENTRY_NOT_UNCHECKED",
            "only an unchecked anomaly can be marked checked",
          )
        }
        await audit(c, p, request, {
          action: "fuel-entry.check",
          entity: "fuel_entry",
          entityId: id,
          oldValues: { anomalyStatus: "unchecked", checkedBy: null },
          newValues: { anomalyStatus: "checked", checkedBy: p.userId },
          details: { note: body.note ?? null },
        })
        return updated.rows[0] as EntryRow
      })
      return { status: 200, body: entryView(row) }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/fuel-cards",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager"])
      const b = decodeOr400(CreateFuelCard, jsonBody(request.body), "FLEET_FUEL_CARD_INVALID")
      const card = await db.withOrg(p.orgId, async (c) => {
        if (b.vehicleId) await requireReference(c, "vehicle", b.vehicleId, "vehicleId")
        const r = await c.query<{ id: string }>(
          `INSERT INTO fuel_cards (org_id, name, number_last4, vehicle_id, currency, daily_limit, weekly_limit, monthly_limit)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            p.orgId,
            b.name,
            b.numberLast4 ?? null,
            b.vehicleId ?? null,
            b.currency,
            b.dailyLimit ?? null,
            b.weeklyLimit ?? null,
            b.monthlyLimit ?? null,
          ],
        )
        const id = r.rows[0]?.id as string
        await audit(c, p, request, {
          action: "fuel-card.create",
          entity: "fuel_card",
          entityId: id,
          newValues: b,
        })
        return id
      })
      return { status: 201, body: { id: card, ...b } }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/fuel-cards",
    async (request) => {
      const p = await authorize(tokens, request, ["owner", "admin", "manager"])
      const rows = await db.withOrg(
        p.orgId,
        async (c) =>
          (
            await c.query(
              `SELECT id, name, number_last4 AS "numberLast4", vehicle_id AS "vehicleId", currency,
                      daily_limit::text AS "dailyLimit", weekly_limit::text AS "weeklyLimit",
                      monthly_limit::text AS "monthlyLimit", active
               FROM fuel_cards ORDER BY name`,
            )
          ).rows,
      )
      return { status: 200, body: { items: rows } }
    },
    { log },
  )
}
