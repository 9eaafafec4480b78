import { DEFAULT_OFFLINE_AFTER_MINUTES } from "@fleetcore/engine"

/**
 * SQL parts the fleet, vehicle and driver dashboards share (seed 001), each a scalar subquery
 * answering JSON, run on a `withOrg` connection (row-level security confines them to the caller's
 * organisation). `where` narrows the rows to one vehicle or driver ("true" for the whole fleet);
 * it is written by the caller with parameter references only.
 */

/** How long a vehicle may stay silent before it is offline: the organisation's setting (the live map's). */
const STALE = `(SELECT make_interval(mins => coalesce((settings->>'offlineAfterMinutes')::int, ${DEFAULT_OFFLINE_AFTER_MINUTES}))
  FROM organisations WHERE id = (SELECT app_org_id()))`

/**
 * Vehicles (not decommissioned) by their live status now, as `liveStatus` decides it for the map:
 * never reported (unknown), silent past the threshold (stale), moving at 1 m/s or more, standing with
 * the ignition on (idle) or off (stopped).
 */
export const liveCountsSql = (where: string) => `(SELECT json_build_object(
    'moving', count(*) FILTER (WHERE s.time >= now() - l.stale AND coalesce(s.speed_mps, 0) >= 1),
    'idle', count(*) FILTER (WHERE s.time >= now() - l.stale AND coalesce(s.speed_mps, 0) < 1 AND s.ignition IS TRUE),
    'stopped', count(*) FILTER (WHERE s.time >= now() - l.stale AND coalesce(s.speed_mps, 0) < 1 AND s.ignition IS NOT TRUE),
    'stale', count(*) FILTER (WHERE s.time < now() - l.stale),
    'unknown', count(*) FILTER (WHERE s.time IS NULL))
  FROM vehicles v LEFT JOIN vehicle_state s ON s.vehicle_id = v.id, (SELECT ${STALE} AS stale) l
  WHERE v.status <> 'decommissioned' AND ${where})`

/** Tickets not resolved or rejected, and how many of them are past their SLA. */
export const openTicketsSql = (where: string) => `(SELECT json_build_object('open', count(*)::int,
    'overdue', (count(*) FILTER (WHERE sla_due_at < now()))::int)
  FROM tickets WHERE status IN ('open', 'in_progress') AND ${where})`

/** Tasks not closed, and how many of them are past their due time. */
export const openTasksSql = (where: string) => `(SELECT json_build_object('open', count(*)::int,
    'overdue', (count(*) FILTER (WHERE due_at < now()))::int)
  FROM tasks WHERE closed_at IS NULL AND ${where})`

/**
 * Documents of one record expiring within `days` of the organisation's `today` (expired included),
 * and those expired.
 */
export const expiringDocumentsSql = (entityType: string, entityId: string, today: string, days: number) =>
  `(SELECT json_build_object('expiring', count(*)::int, 'expired', (count(*) FILTER (WHERE expires_on < ${today}))::int)
  FROM documents WHERE entity_type = '${entityType}' AND entity_id = ${entityId} AND expires_on <= ${today} + ${days})`

/** Vehicles and drivers still in onboarding: neither approved nor turned away. */
export const onboardingSql = `json_build_object(
  'vehicles', (SELECT count(*)::int FROM vehicles WHERE onboarding_status IN ('created', 'under_review')),
  'drivers', (SELECT count(*)::int FROM drivers WHERE onboarding_status IN ('created', 'background_check', 'training')))`
