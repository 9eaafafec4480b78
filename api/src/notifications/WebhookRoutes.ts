import { randomUUID } from "node:crypto"
import { endpoints, type NotificationWebhook } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import { pageOf } from "../db/listPage.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { secretContext } from "./channelSettings.js"
import { notificationSecretBox } from "./startNotifications.js"

interface WebhookRow {
  id: string
  name: string
  url: string
  types: string[] | null
  enabled: boolean
  created_at: Date
  updated_at: Date
}

const COLUMNS = "id, name, url, types, enabled, created_at, updated_at"

const view = (r: WebhookRow): typeof NotificationWebhook.Type => ({
  id: r.id,
  name: r.name,
  url: r.url,
  types: r.types,
  enabled: r.enabled,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

const notFound = () => new HttpError(404, "FLEET_WEBHOOK_NOT_FOUND", "no such webhook")

const readWebhook = async (c: pg.ClientBase, id: string): Promise<WebhookRow | undefined> =>
  (await c.query<WebhookRow>(`SELECT ${COLUMNS} FROM notification_webhooks WHERE id = $1`, [id])).rows[0]

/** Webhook endpoints and their delivery logs, for admins. A secret is sealed and never answered. */
export const registerWebhookRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps
  const box = notificationSecretBox(deps.tokens)

  serve(app, deps, endpoints.notifications.webhooks, async ({ principal: p, query: f }) => {
    const { page, pageSize, offset } = pageOf(f)
    const order =
      { name: "name ASC", "-name": "name DESC", createdAt: "created_at ASC" }[f.sort ?? ""] ??
      "created_at DESC"
    const args: unknown[] = []
    let where = "true"
    if (f.q) {
      args.push(`%${f.q.replace(/[\\%_]/g, "\\$&")}%`)
      where = "(name ILIKE $1 OR url ILIKE $1)"
    }
    const { rows, total } = await db.withOrg(p.orgId, async (c) => ({
      rows: (
        await c.query<WebhookRow>(
          `SELECT ${COLUMNS} FROM notification_webhooks WHERE ${where} ORDER BY ${order}, id LIMIT ${pageSize} OFFSET ${offset}`,
          args,
        )
      ).rows,
      total: Number(
        (await c.query<{ n: string }>(`SELECT count(*) AS n FROM notification_webhooks WHERE ${where}`, args))
          .rows[0]?.n ?? 0,
      ),
    }))
    return { body: { items: rows.map(view), total, page, pageSize } }
  })

  serve(app, deps, endpoints.notifications.createWebhook, async ({ principal: p, body: b, request }) => {
    const id = randomUUID()
    const row = await db.withOrg(p.orgId, async (c) => {
      const { rows } = await c.query<WebhookRow>(
        `INSERT INTO notification_webhooks (id, org_id, name, url, secret_sealed, types, enabled)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [
          id,
          p.orgId,
          b.name,
          b.url,
          box.seal(b.secret, secretContext.webhookSecret(id)),
          b.types ?? null,
          b.enabled ?? true,
        ],
      )
      const created = rows[0] as WebhookRow
      await audit(c, p, request, {
        action: "webhook.create",
        entity: "webhook",
        entityId: id,
        newValues: view(created),
      })
      return created
    })
    return { status: 201, body: view(row) }
  })

  serve(
    app,
    deps,
    endpoints.notifications.updateWebhook,
    async ({ principal: p, params, body: b, request }) => {
      const row = await db.withOrg(p.orgId, async (c) => {
        const before = await readWebhook(c, params.id)
        if (before === undefined) throw notFound()
        const { rows } = await c.query<WebhookRow>(
          `UPDATE notification_webhooks SET name = coalesce($2, name), url = coalesce($3, url),
           secret_sealed = coalesce($4, secret_sealed), types = CASE WHEN $5 THEN $6::text[] ELSE types END,
           enabled = coalesce($7, enabled), updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
          [
            params.id,
            b.name ?? null,
            b.url ?? null,
            b.secret === undefined ? null : box.seal(b.secret, secretContext.webhookSecret(params.id)),
            b.types !== undefined,
            b.types ?? null,
            b.enabled ?? null,
          ],
        )
        const after = rows[0] as WebhookRow
        await audit(c, p, request, {
          action: "webhook.update",
          entity: "webhook",
          entityId: params.id,
          oldValues: view(before),
          newValues: view(after),
          details: { secretReplaced: b.secret !== undefined },
        })
        return after
      })
      return { body: view(row) }
    },
  )

  serve(app, deps, endpoints.notifications.deleteWebhook, async ({ principal: p, params, request }) => {
    await db.withOrg(p.orgId, async (c) => {
      const before = await readWebhook(c, params.id)
      if (before === undefined) throw notFound()
      await c.query("DELETE FROM notification_webhooks WHERE id = $1", [params.id])
      await audit(c, p, request, {
        action: "webhook.delete",
        entity: "webhook",
        entityId: params.id,
        oldValues: view(before),
      })
    })
    return { status: 204 }
  })

  serve(app, deps, endpoints.notifications.deliveries, async ({ principal: p, params, query: f }) => {
    const { page, pageSize, offset } = pageOf(f)
    const order = f.sort === "at" ? "a.at ASC, a.id ASC" : "a.at DESC, a.id DESC"
    const result = await db.withOrg(p.orgId, async (c) => {
      if ((await readWebhook(c, params.id)) === undefined) throw notFound()
      const from = `FROM notification_attempts a JOIN notification_outbox o ON o.id = a.outbox_id
        JOIN notification_events e ON e.id = o.event_id WHERE a.webhook_id = $1`
      const { rows } = await c.query<{
        id: string
        outbox_id: string
        type: string
        title: string
        attempt: number
        at: Date
        ok: boolean
        status_code: number | null
        error: string | null
        duration_ms: number
        status: "pending" | "sent" | "failed"
        next_attempt_at: Date
      }>(
        `SELECT a.id::text AS id, a.outbox_id, e.type, e.title, a.attempt, a.at, a.ok, a.status_code, a.error,
                a.duration_ms, o.status, o.next_attempt_at ${from} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`,
        [params.id],
      )
      const total = Number(
        (await c.query<{ n: string }>(`SELECT count(*) AS n ${from}`, [params.id])).rows[0]?.n ?? 0,
      )
      return { rows, total }
    })
    return {
      body: {
        items: result.rows.map((r) => ({
          id: r.id,
          outboxId: r.outbox_id,
          eventType: r.type,
          eventTitle: r.title,
          attempt: r.attempt,
          at: r.at.toISOString(),
          ok: r.ok,
          statusCode: r.status_code,
          error: r.error,
          durationMs: r.duration_ms,
          deliveryStatus: r.status,
          nextAttemptAt: r.status === "pending" ? r.next_attempt_at.toISOString() : null,
        })),
        total: result.total,
        page,
        pageSize,
      },
    }
  })
}
