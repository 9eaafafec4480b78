import { endpoints } from "@fleetcore/contract"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { sql as raw } from "kysely"
import { contains } from "../db/contains.js"
import { listPage } from "../db/listPage.js"
import { sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { AWAITING } from "./onboardingMachine.js"

/** Both kinds of record with the queue's columns: a vehicle's reference is its plate, a driver's the employee id. */
const records = () =>
  sql
    .selectFrom("vehicles")
    .select([
      raw<"vehicle" | "driver">`'vehicle'`.as("kind"),
      "id",
      "name",
      "plate as reference",
      raw<string>`onboarding_status`.as("status"),
      "onboarding_changed_at as since",
    ])
    .unionAll(
      sql
        .selectFrom("drivers")
        .select([
          raw<"vehicle" | "driver">`'driver'`.as("kind"),
          "id",
          "full_name as name",
          "employee_id as reference",
          raw<string>`onboarding_status`.as("status"),
          "onboarding_changed_at as since",
        ]),
    )

/** The queue of records awaiting an onboarding step: filter by kind, stage and age. */
export const registerOnboardingQueue = (app: TemplatedApp, deps: RouteDeps): void => {
  const { db } = deps
  serve(app, deps, endpoints.onboarding.queue, async ({ principal: p, query: f }) => {
    let query = sql
      .selectFrom(records().as("r"))
      .select([
        "r.kind",
        "r.id",
        "r.name",
        "r.reference",
        "r.status",
        "r.since",
        raw<number>`floor(extract(epoch FROM now() - r.since) / 86400)::int`.as("age_days"),
      ])
    if (f.status === undefined) {
      // Stages that await someone, of the kind they belong to ('created' is both kinds').
      query = query.where((eb) =>
        eb.or([
          eb.and([eb("r.kind", "=", "vehicle"), eb("r.status", "in", [...AWAITING.vehicle])]),
          eb.and([eb("r.kind", "=", "driver"), eb("r.status", "in", [...AWAITING.driver])]),
        ]),
      )
    } else query = query.where("r.status", "=", f.status)
    if (f.kind) query = query.where("r.kind", "=", f.kind)
    if (f.minAgeDays)
      query = query.where("r.since", "<=", raw<Date>`now() - make_interval(days => ${Number(f.minAgeDays)})`)
    if (f.q) {
      const like = contains(f.q)
      query = query.where((eb) => eb.or([eb("r.name", "ilike", like), eb("r.reference", "ilike", like)]))
    }
    const desc = f.sort?.startsWith("-") === true
    query =
      f.sort === "name" || f.sort === "-name"
        ? query.orderBy("r.name", desc ? "desc" : "asc")
        : query.orderBy("r.since", desc ? "desc" : "asc")
    query = query.orderBy("r.id")
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, f))
    return {
      body: {
        ...page,
        items: page.items.map((r) => ({
          kind: r.kind,
          id: r.id,
          name: r.name,
          reference: r.reference,
          status: r.status,
          since: r.since.toISOString(),
          ageDays: r.age_days,
        })),
      },
    }
  })
}
