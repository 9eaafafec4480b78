import { type Log, listenPostgres, type PostgresClient } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { makeSecretBox, type SecretBox } from "../auth/SecretBox.js"
import type { Tokens } from "../auth/Tokens.js"
import { userTopic } from "../live/LiveHub.js"
import { runIgnitionTriggers } from "../tasks/ignitionTriggers.js"
import { DEADLINES_CHANNEL, raiseTaskDeadlines } from "../tasks/taskDeadlines.js"
import { makeDailyCheckScheduler } from "./checks/DailyCheckScheduler.js"
import { makeEmailChannel } from "./EmailChannel.js"
import { fanOutEvents, NOTIFIED_CHANNEL } from "./fanOut.js"
import type { NotificationChannel } from "./NotificationChannel.js"
import { NOTIFICATION_COLUMNS, type NotificationRow, notificationView } from "./notificationView.js"
import { makeOutboxWorker } from "./OutboxWorker.js"
import { EVENTS_CHANNEL } from "./raiseNotification.js"
import { makeTelegramChannel } from "./TelegramChannel.js"
import { makeWebhookChannel } from "./WebhookChannel.js"

/** The key that seals the channels' secrets at rest, derived from the server's secret. */
export const notificationSecretBox = (tokens: Tokens): SecretBox =>
  makeSecretBox(tokens.deriveKey("notification secrets"))

export interface NotificationsOptions {
  /** How often waiting events and due deliveries are looked for besides the wake-ups (ms). */
  readonly pollMs?: number
  readonly retryBaseMs?: number
  readonly maxAttempts?: number
  readonly channels?: ReadonlyArray<NotificationChannel>
  /** The daily checks' clock and how often they look for a due organisation (ms); false: none. */
  readonly dailyChecks?: { readonly now?: () => Date; readonly intervalMs?: number } | false
  /**
   * How often the tasks' due times and ignition triggers are looked at (ms, 10 s by default; at once
   * when a task's due time is set); false: never.
   */
  readonly taskDeadlinesMs?: number | false
}

/**
 * Runs the notifications of this process: fans out raised events, sends the outbox, pushes each
 * user's new in-app notifications over their live sockets (`user/<id>` topics), runs the
 * organisations' daily checks (expiries, maintenance, budgets) at their hour, tells tasks' people
 * of due times coming and gone, and moves tasks whose vehicle has stood in their fence with the
 * ignition off long enough. Woken by
 * PostgreSQL NOTIFY (an alert's trigger, `raiseNotification`), so every API process hears what any
 * of them wrote; a poll catches what a dropped listener missed and the retries that fall due.
 */
export const startNotifications = async (
  app: TemplatedApp,
  deps: {
    readonly db: PostgresClient
    readonly tokens: Tokens
    readonly log: Log
    readonly publicUrl: string | null
  },
  options: NotificationsOptions = {},
): Promise<{ readonly close: () => Promise<void> }> => {
  const pool = deps.db.system
  const worker = makeOutboxWorker({
    pool,
    box: notificationSecretBox(deps.tokens),
    log: deps.log,
    channels: options.channels ?? [makeEmailChannel(), makeTelegramChannel(), makeWebhookChannel()],
    publicUrl: deps.publicUrl,
    ...(options.retryBaseMs === undefined ? {} : { retryBaseMs: options.retryBaseMs }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  })
  let stopped = false
  let running: Promise<void> | null = null
  let again = false
  let deadlinesAt = 0

  const work = async (): Promise<void> => {
    do {
      again = false
      const every = options.taskDeadlinesMs ?? 10_000
      if (every !== false && Date.now() - deadlinesAt >= every) {
        deadlinesAt = Date.now()
        await raiseTaskDeadlines(pool, new Date())
        await runIgnitionTriggers(pool, new Date())
      }
      await fanOutEvents(pool, 100, () => new Date())
      while (!stopped && (await worker.run(20)) === 20) {}
    } while (again && !stopped)
  }
  const tick = (): void => {
    if (stopped) return
    if (running !== null) {
      again = true
      return
    }
    running = work()
      .catch((error: unknown) =>
        deps.log.warn({ err: error }, "notifications: a round failed; retried at the next"),
      )
      .finally(() => {
        running = null
      })
  }

  const publish = async (eventId: string): Promise<void> => {
    const { rows } = await pool.query<NotificationRow>(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n JOIN notification_events e ON e.id = n.event_id
       WHERE n.event_id = $1`,
      [eventId],
    )
    for (const r of rows)
      app.publish(
        userTopic(r.user_id),
        JSON.stringify({ type: "notification", notification: notificationView(r) }),
        false,
      )
  }

  const listener = await listenPostgres(pool, {
    name: "notifications",
    channels: [EVENTS_CHANNEL, NOTIFIED_CHANNEL, DEADLINES_CHANNEL],
    log: deps.log,
    onNotification: (channel, payload) => {
      if (channel === EVENTS_CHANNEL) tick()
      else if (channel === DEADLINES_CHANNEL) {
        deadlinesAt = 0
        tick()
      } else if (channel === NOTIFIED_CHANNEL && payload !== undefined)
        void publish(payload).catch((error: unknown) =>
          deps.log.warn({ err: error }, "notifications: could not push to the live feed"),
        )
    },
  })
  const poll = setInterval(tick, options.pollMs ?? 1_000)
  poll.unref()
  tick()
  const checks =
    options.dailyChecks === false
      ? null
      : makeDailyCheckScheduler({
          pool,
          log: deps.log,
          ...(options.dailyChecks?.now === undefined ? {} : { now: options.dailyChecks.now }),
        })
  checks?.start(options.dailyChecks === false ? undefined : options.dailyChecks?.intervalMs)

  return {
    close: async () => {
      stopped = true
      clearInterval(poll)
      await checks?.close()
      await running
      await listener.close()
    },
  }
}
