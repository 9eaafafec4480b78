import { randomUUID } from "node:crypto"
import { ALL_ENDPOINTS, type AnyEndpoint, pathParameters } from "@fleetcore/contract"
import type { RunningFleetCore } from "../src/FleetCore.js"
import {
  type Answered,
  type CallParts,
  callEndpoint,
  idIn,
  isNoSuchEndpoint,
  sampleWire,
} from "./contractCalls.js"

/**
 * Makes one entity of any collection in an organisation, as its admin, from the declarations: the
 * collection's create endpoint (`post /api/v1/x`, or a nested `post /api/v1/parent/:id/x`) with a
 * sampled body. Fields naming another entity (`vehicleId`, `driverId`) get one of the same
 * organisation, made the same way; a field the server refuses is dropped and the call retried.
 * Entities no endpoint creates (the platform raises alerts and plans tasks) are inserted directly.
 */
export interface EntitiesInOrg {
  /** The id of an entity of `collection` ("/api/v1/vehicles") in the organisation, made once. */
  readonly of: (collection: string) => Promise<string>
}

type Maker = (of: (collection: string) => Promise<string>) => Promise<string>

/** "vehicleTypeId" → "/api/v1/vehicle-types". */
const collectionNamedBy = (key: string): string =>
  `/api/v1/${key.replace(/Id$/u, "").replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`)}s`

export const entitiesInOrg = (fleet: RunningFleetCore, orgId: string, adminToken: string): EntitiesInOrg => {
  const call = (e: AnyEndpoint, parts: CallParts): Promise<Answered> =>
    callEndpoint(fleet.httpUrl, adminToken, e, parts)
  const insert = async (sql: string, args: ReadonlyArray<unknown>): Promise<string> =>
    (await fleet.db.system.query<{ id: string }>(sql, [...args])).rows[0]?.id as string

  /** A service centre of its own (centres are organisations): the other side of a grant or request. */
  const centre = async (status: string): Promise<string> => {
    const id = await insert(
      "INSERT INTO organisations (name, slug, kind) VALUES ($1, $1, 'service_centre') RETURNING id",
      [`centre-${randomUUID().slice(0, 8)}`],
    )
    await fleet.db.system.query(
      "INSERT INTO service_centres (org_id, country, address, phone, tax_id, status, submitted_at) VALUES ($1, 'KZ', 'Almaty', '+7 727 000 0000', '000000000000', $2, now())",
      [id, status],
    )
    return id
  }
  const grant: Maker = async (of) =>
    insert(
      "INSERT INTO vehicle_access_grants (org_id, centre_org_id, vehicle_id, scope, source) VALUES ($1, $2, $3, 'service', 'invite_code') RETURNING id",
      [orgId, await centre("approved"), await of("/api/v1/vehicles")],
    )

  const makers: Record<string, Maker> = {
    // Moderators reach every centre: one waiting in the queue.
    "/api/v1/moderation/centres": async () => centre("submitted"),
    "/api/v1/vehicle-access/grants": grant,
    "/api/v1/centre/grants": grant,
    "/api/v1/vehicle-access/invites": async (of) => {
      const id = await insert(
        "INSERT INTO vehicle_access_invites (org_id, code_hash, scope, expires_at) VALUES ($1, $2, 'read', now() + interval '1 day') RETURNING id",
        [orgId, Buffer.from(randomUUID())],
      )
      await fleet.db.system.query(
        "INSERT INTO vehicle_access_invite_vehicles (invite_id, org_id, vehicle_id) VALUES ($1, $2, $3)",
        [id, orgId, await of("/api/v1/vehicles")],
      )
      return id
    },
    "/api/v1/vehicle-access/requests": async (of) =>
      insert(
        "INSERT INTO vehicle_access_requests (org_id, centre_org_id, vehicle_id, scope) VALUES ($1, $2, $3, 'service') RETURNING id",
        [orgId, await centre("approved"), await of("/api/v1/vehicles")],
      ),
    "/api/v1/organisations": async () => orgId,
    "/api/v1/alerts": async (of) =>
      insert(
        "INSERT INTO alerts (org_id, vehicle_id, type, severity, opened_at, last_seen_at) VALUES ($1, $2, 'overspeed', 'warning', now(), now()) RETURNING id",
        [orgId, await of("/api/v1/vehicles")],
      ),
    "/api/v1/incidents": async (of) =>
      insert(
        "INSERT INTO incidents (org_id, vehicle_id, kind, started_at, ended_at, amount, unit) VALUES ($1, $2, 'fuel_drop', now(), now(), 20, 'l') RETURNING id",
        [orgId, await of("/api/v1/vehicles")],
      ),
    // An upload is a multipart form, not a sampled JSON body: a document row (its bytes are not needed
    // for calls that must answer 404 in another organisation) on one of the organisation's vehicles.
    "/api/v1/documents": async (of) =>
      insert(
        "INSERT INTO documents (org_id, entity_type, entity_id, kind, filename, mime_type, size_bytes, sha256, storage_key) VALUES ($1, 'vehicle', $2, 'photo', 'photo.png', 'image/png', 1, '\\x00', $3) RETURNING id",
        [orgId, await of("/api/v1/vehicles"), `${orgId}/${randomUUID()}`],
      ),
    "/api/v1/maintenance/tasks": async (of) =>
      insert(
        "INSERT INTO maintenance_tasks (org_id, vehicle_id, template_id, status) VALUES ($1, $2, $3, 'scheduled') RETURNING id",
        [orgId, await of("/api/v1/vehicles"), await of("/api/v1/maintenance/templates")],
      ),
    // A paused schedule (a sampled body may name filters of nothing): the server's runner leaves it.
    "/api/v1/report-schedules": async () =>
      insert(
        "INSERT INTO report_schedules (org_id, name, report, period, formats, recipients, language, frequency, hour, enabled) VALUES ($1, 'Test', 'tco', 'lastMonth', '{csv}', '{test@example.com}', 'en', 'daily', 8, false) RETURNING id",
        [orgId],
      ),
    // A sampled workflow is almost never a valid machine: the ad hoc one, stored as a template.
    "/api/v1/task-templates": async () =>
      insert(
        `INSERT INTO task_templates (org_id, name, states, transitions) VALUES ($1, 'Test', '[{"key":"open","label":"Open","initial":true},{"key":"done","label":"Done","final":true}]', '[{"from":"open","to":"done"}]') RETURNING id`,
        [orgId],
      ),
    // A driver's proposal (the sampled changes are rarely one the organisation's vehicle accepts).
    "/api/v1/vehicle-change-requests": async (of) =>
      insert(
        `INSERT INTO vehicle_change_requests (org_id, vehicle_id, proposer_org_id, changes, old_values) VALUES ($1, $2, $1, '{"oilType":"5W-30"}', '{"oilType":null}') RETURNING id`,
        [orgId, await of("/api/v1/vehicles")],
      ),
    // A visit needs a service centre with a grant: one made for it, its visit on a vehicle of the organisation.
    "/api/v1/service-visits": async (of) => {
      const centre = await insert(
        "INSERT INTO organisations (name, slug, kind) VALUES ('Centre', $1, 'service_centre') RETURNING id",
        [`centre-${randomUUID()}`],
      )
      return insert(
        "INSERT INTO service_visits (org_id, centre_org_id, centre_name, vehicle_id, odometer_km, currency, status, completed_at, disputed_at, dispute_reason) VALUES ($1, $2, 'Centre', $3, 1000, 'KZT', 'disputed', now(), now(), 'test') RETURNING id",
        [orgId, centre, await of("/api/v1/vehicles")],
      )
    },
    "/api/v1/service-visit-disputes": async (of) => of("/api/v1/service-visits"),
    // Notifications are raised by the platform (alerts, checks): one for the organisation's admin.
    "/api/v1/notifications": async () => {
      const event = await insert(
        "INSERT INTO notification_events (org_id, dedupe_key, type, severity, title, fanned_out_at) VALUES ($1, $2, 'overspeed', 'warning', 'Overspeed', now()) RETURNING id",
        [orgId, `test:${randomUUID()}`],
      )
      return insert(
        "INSERT INTO notifications (org_id, user_id, event_id) SELECT $1, id, $2 FROM users WHERE org_id = $1 AND role = 'admin' LIMIT 1 RETURNING id",
        [orgId, event],
      )
    },
  }

  const made = new Map<string, Promise<string>>()
  const of = (collection: string): Promise<string> => {
    const known = made.get(collection) ?? make(collection)
    made.set(collection, known)
    return known
  }

  /** The declared endpoint that creates entities of `collection`, and the parent collection of a nested one. */
  const creatorOf = (collection: string): { create: AnyEndpoint; parent?: string } | undefined => {
    const direct = ALL_ENDPOINTS.find((e) => e.method === "post" && e.path === collection)
    if (direct !== undefined) return { create: direct }
    const last = collection.slice(collection.lastIndexOf("/"))
    const nested = ALL_ENDPOINTS.find(
      (e) => e.method === "post" && e.path.endsWith(`/:id${last}`) && pathParameters(e.path).length === 1,
    )
    return nested === undefined
      ? undefined
      : { create: nested, parent: nested.path.slice(0, nested.path.indexOf("/:")) }
  }

  const canMake = (collection: string): boolean =>
    makers[collection] !== undefined || creatorOf(collection) !== undefined

  const make = async (collection: string): Promise<string> => {
    const maker = makers[collection]
    if (maker !== undefined) return maker(of)
    const creator = creatorOf(collection)
    if (creator === undefined)
      throw new Error(`no endpoint creates a ${collection} entity: teach entitiesInOrg how to make one`)
    const { create, parent } = creator
    const params = parent === undefined ? {} : { id: await of(parent) }
    const attempts: Array<string> = []
    for (let seed = 1; seed <= 20; seed++) {
      const body = {
        ...((create.body === undefined ? {} : sampleWire(create.body, seed)) as Record<string, unknown>),
      }
      for (const key of Object.keys(body)) {
        const ref = collectionNamedBy(key)
        if (key.endsWith("Id") && ref !== collection && canMake(ref)) body[key] = await of(ref)
      }
      for (let retry = 0; retry < 5; retry++) {
        const a = await call(create, { params, body })
        const id = idIn(a.json)
        if (a.status === create.status && id !== undefined) return id
        if (isNoSuchEndpoint(a)) throw new Error(`${create.id} (post ${create.path}) is not served`)
        attempts.push(`${a.status} ${a.text.slice(0, 160)}`)
        const field = (a.json as { error?: { field?: unknown } } | null)?.error?.field
        if (typeof field !== "string" || !(field in body)) break
        delete body[field]
      }
    }
    throw new Error(`could not make a ${collection} entity with ${create.id}:\n  ${attempts.join("\n  ")}`)
  }

  return { of }
}
