import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { pageOf } from "../db/listPage.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { NOTIFICATION_COLUMNS, type NotificationRow, notificationView } from "./notificationView.js"
import { registerPreferenceRoutes } from "./PreferenceRoutes.js"
import { registerSettingRoutes } from "./SettingRoutes.js"
import { registerWebhookRoutes } from "./WebhookRoutes.js"

const notFound = () => new HttpError(404, "FLEET_NOTIFICATION_NOT_FOUND", "no such notification")

/**
 * The caller's in-app notifications (always their own: every query names `user_id`, and row-level
 * security the organisation), their preferences, and the organisation's channels and webhooks.
 */
export const registerNotificationRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.notifications.list, async ({ principal: p, query: f }) => {
    const where = ["n.user_id = $1"]
    const args: unknown[] = [p.userId]
    const add = (clause: (n: number) => string, value: unknown) => {
      args.push(value)
      where.push(clause(args.length))
    }
    if (f.unread === "true") where.push("n.read_at IS NULL")
    if (f.unread === "false") where.push("n.read_at IS NOT NULL")
    if (f.type) add((i) => `e.type = $${i}`, f.type)
    if (f.severity) add((i) => `e.severity = $${i}`, f.severity)
    if (f.q) add((i) => `(e.title ILIKE $${i} OR e.body ILIKE $${i})`, `%${f.q.replace(/[\\%_]/g, "\\$&")}%`)
    const { page, pageSize, offset } = pageOf(f)
    // Unread first, then newest first; an explicit sort orders by time only.
    const order =
      f.sort === "createdAt"
        ? "n.created_at ASC"
        : f.sort === "-createdAt"
          ? "n.created_at DESC"
          : "(n.read_at IS NULL) DESC, n.created_at DESC"
    const from = `FROM notifications n JOIN notification_events e ON e.id = n.event_id WHERE ${where.join(" AND ")}`
    const { items, total } = await db.withOrg(p.orgId, async (c) => {
      const list = await c.query<NotificationRow>(
        `SELECT ${NOTIFICATION_COLUMNS} ${from} ORDER BY ${order}, n.id LIMIT ${pageSize} OFFSET ${offset}`,
        args,
      )
      const count = await c.query<{ total: string }>(`SELECT count(*) AS total ${from}`, args)
      return { items: list.rows, total: Number(count.rows[0]?.total ?? 0) }
    })
    return { body: { items: items.map(notificationView), total, page, pageSize } }
  })

  serve(app, deps, endpoints.notifications.unreadCount, async ({ principal: p }) => {
    const count = await db.withOrg(p.orgId, (c) =>
      c.query<{ count: string }>(
        "SELECT count(*) AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        [p.userId],
      ),
    )
    return { body: { count: Number(count.rows[0]?.count ?? 0) } }
  })

  serve(app, deps, endpoints.notifications.markRead, async ({ principal: p, params }) => {
    const row = await db.withOrg(p.orgId, async (c) => {
      await c.query(
        "UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2",
        [params.id, p.userId],
      )
      const { rows } = await c.query<NotificationRow>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n JOIN notification_events e ON e.id = n.event_id
         WHERE n.id = $1 AND n.user_id = $2`,
        [params.id, p.userId],
      )
      return rows[0]
    })
    if (row === undefined) throw notFound()
    return { body: notificationView(row) }
  })

  serve(app, deps, endpoints.notifications.markAllRead, async ({ principal: p }) => {
    const { rowCount } = await db.withOrg(p.orgId, (c) =>
      c.query("UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL", [p.userId]),
    )
    return { body: { updated: rowCount ?? 0 } }
  })

  registerPreferenceRoutes(app, deps)
  registerSettingRoutes(app, deps)
  registerWebhookRoutes(app, deps)
}
