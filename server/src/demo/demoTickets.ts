import type pg from "pg"

/** The demo's driver tickets: a dozen of every type and status, so the queue and portal show real work. */
const TICKETS: ReadonlyArray<{
  readonly type: string
  readonly status: "open" | "in_progress" | "resolved" | "rejected"
  readonly hoursAgo: number
  readonly title: string
  readonly description: string | null
}> = [
  {
    type: "breakdown",
    status: "open",
    hoursAgo: 1,
    title: "Engine warning light on",
    description: "Amber light since the morning; the engine runs rough at idle.",
  },
  {
    type: "damage",
    status: "in_progress",
    hoursAgo: 30,
    title: "Scratched rear bumper",
    description: "Scraped a bollard while reversing at the depot.",
  },
  {
    type: "fuel_card",
    status: "resolved",
    hoursAgo: 72,
    title: "Fuel card declined at the station",
    description: null,
  },
  {
    type: "accident",
    status: "open",
    hoursAgo: 3,
    title: "Minor collision at a junction",
    description: "Nobody hurt; photos of both cars taken, the police report is pending.",
  },
  { type: "other", status: "rejected", hoursAgo: 100, title: "Radio does not work", description: null },
  {
    type: "document",
    status: "in_progress",
    hoursAgo: 20,
    title: "Insurance card missing from the glovebox",
    description: null,
  },
  {
    type: "breakdown",
    status: "resolved",
    hoursAgo: 200,
    title: "Flat tyre on the ring road",
    description: "Front left tyre; the spare was fitted, the tyre needs replacing.",
  },
  {
    type: "damage",
    status: "open",
    hoursAgo: 50,
    title: "Cracked windscreen",
    description: "A stone chip grew into a crack across the passenger side.",
  },
  {
    type: "fuel_card",
    status: "resolved",
    hoursAgo: 150,
    title: "Wrong PIN after the card was reissued",
    description: null,
  },
  {
    type: "breakdown",
    status: "in_progress",
    hoursAgo: 6,
    title: "Brakes squeal when stopping",
    description: null,
  },
  {
    type: "document",
    status: "open",
    hoursAgo: 90,
    title: "Registration certificate expires next week",
    description: null,
  },
  { type: "other", status: "resolved", hoursAgo: 300, title: "Seat belt buckle sticks", description: null },
]

/** The default SLA hours per type (the contract's DEFAULT_TICKET_SLA_HOURS). */
const SLA_SQL = `CASE t.type WHEN 'accident' THEN 2 WHEN 'breakdown' THEN 4 WHEN 'damage' THEN 24 WHEN 'fuel_card' THEN 24 ELSE 72 END`

/**
 * Raises the demo tickets on vehicles with a driver now (their drivers as raisers, located at the
 * vehicles' last positions), numbered 1…12, with their history: raised, taken into work by the
 * organisation's first manager, then resolved or rejected. Deterministic: vehicles ordered by a
 * hash of their id. Returns how many were raised.
 */
export const seedTickets = async (client: pg.ClientBase, orgId: string): Promise<number> => {
  const made = await client.query(
    `WITH spec AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb)
         AS s(type text, status text, "hoursAgo" int, title text, description text)
     ), numbered AS (SELECT spec.*, row_number() OVER () AS n FROM spec),
     picked AS (
       SELECT a.vehicle_id, a.driver_id, d.user_id, row_number() OVER (ORDER BY md5(a.vehicle_id::text)) AS n
       FROM driver_assignments a JOIN drivers d ON d.id = a.driver_id
       WHERE a.org_id = $1 AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
     )
     INSERT INTO tickets (org_id, number, type, title, description, vehicle_id, driver_id, raised_by, lat, lon,
                          located_at, location_source, status, sla_due_at, created_at, updated_at, resolved_at)
     SELECT $1, s.n, s.type, s.title, s.description, p.vehicle_id, p.driver_id, p.user_id, v.lat, v.lon, v.time,
            CASE WHEN v.vehicle_id IS NULL THEN NULL ELSE 'vehicle' END, s.status,
            now() - make_interval(hours => s."hoursAgo") + make_interval(hours => ${SLA_SQL.replaceAll("t.type", "s.type")}),
            now() - make_interval(hours => s."hoursAgo"),
            now() - make_interval(hours => s."hoursAgo") + interval '1 hour',
            CASE WHEN s.status IN ('resolved', 'rejected') THEN now() - make_interval(hours => s."hoursAgo") + interval '1 hour' END
     FROM numbered s JOIN picked p ON p.n = s.n
     LEFT JOIN vehicle_state v ON v.vehicle_id = p.vehicle_id
     ON CONFLICT DO NOTHING`,
    [orgId, JSON.stringify(TICKETS)],
  )
  const office = `(SELECT id FROM users WHERE org_id = $1 AND role IN ('manager', 'admin') ORDER BY role DESC, created_at LIMIT 1)`
  await client.query(
    `INSERT INTO ticket_events (org_id, ticket_id, kind, actor_id, to_status, created_at)
     SELECT org_id, id, 'created', raised_by, 'open', created_at FROM tickets WHERE org_id = $1`,
    [orgId],
  )
  await client.query(
    `INSERT INTO ticket_events (org_id, ticket_id, kind, actor_id, from_status, to_status, created_at)
     SELECT org_id, id, 'status', ${office}, 'open', 'in_progress', created_at + interval '20 minutes'
     FROM tickets WHERE org_id = $1 AND status IN ('in_progress', 'resolved')`,
    [orgId],
  )
  await client.query(
    `INSERT INTO ticket_events (org_id, ticket_id, kind, actor_id, from_status, to_status, created_at)
     SELECT org_id, id, 'status', ${office}, CASE status WHEN 'resolved' THEN 'in_progress' ELSE 'open' END, status, resolved_at
     FROM tickets WHERE org_id = $1 AND status IN ('resolved', 'rejected')`,
    [orgId],
  )
  return made.rowCount ?? 0
}
