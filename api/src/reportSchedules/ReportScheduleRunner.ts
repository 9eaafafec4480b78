import { isLanguage, ORGANISATION_DEFAULTS } from "@fleetcore/contract"
import type { ClickHouseClient, DocumentStore, Log, PostgresClient } from "@fleetcore/platform"
import type { Tokens } from "../auth/Tokens.js"
import { openChannelSettings, readSettingsRow } from "../notifications/channelSettings.js"
import { errorText } from "../notifications/NotificationChannel.js"
import { MAX_ATTEMPTS, RETRY_BASE_MS, retryDelayMs } from "../notifications/retryDelay.js"
import { smtpTransport } from "../notifications/smtpTransport.js"
import { notificationSecretBox } from "../notifications/startNotifications.js"
import { nextRunAt, type ScheduleTiming } from "./nextRunAt.js"
import { PermanentRunError, scheduledReportFiles } from "./scheduledReportFiles.js"
import { scheduleMail } from "./scheduleMail.js"
import type { RunAttempt, ScheduleFiltersColumn } from "./scheduleTables.js"

/** An attempt not finished after this long (its process died) is taken again. */
const LEASE_MS = 10 * 60_000
/** Due schedules claimed per statement. */
const CLAIM_BATCH = 50

export interface ReportScheduleRunnerOptions {
  readonly db: PostgresClient
  readonly ch: ClickHouseClient
  /** The server's tokens: the SMTP password is opened with the notifications' key derived from them. */
  readonly tokens: Tokens
  readonly log: Log
  readonly publicUrl: string | null
  /** Where the organisation's logo is stored; absent: the reports' PDFs go without a logo. */
  readonly documents?: DocumentStore
  /** The clock (tests inject one). */
  readonly now?: () => Date
  readonly retryBaseMs?: number
  readonly maxAttempts?: number
}

/** The organisation's zone, or the default one when its setting is not a zone this runtime knows. */
export const zoneOf = (zone: string | null): string => {
  if (zone === null) return ORGANISATION_DEFAULTS.timezone
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return zone
  } catch {
    return ORGANISATION_DEFAULTS.timezone
  }
}

interface DueRow {
  id: string
  org_id: string
  frequency: ScheduleTiming["frequency"]
  weekday: number | null
  month_day: number | null
  hour: number
  next_run_at: Date
  recipients: Array<string>
  timezone: string | null
}

interface ClaimedRun {
  id: string
  org_id: string
  schedule_id: string
  scheduled_for: Date
  attempts: number
  recipients: Array<string>
  name: string
  report: string
  filters: ScheduleFiltersColumn
  period: string
  formats: Array<string>
  language: string
  created_by: string | null
  attempt_log: ReadonlyArray<RunAttempt>
}

/**
 * Sends the organisations' scheduled reports. A round first claims the due schedules (row locks
 * with SKIP LOCKED, so of several API processes each schedule is claimed by one): each gets the
 * run of its due instant, keyed by (schedule, instant) so a restart never makes it twice, and
 * its next instant (periods missed while no process ran are not sent late, but the latest one
 * is). Then it takes runs waiting to be sent, one statement per run (SKIP LOCKED again), renders
 * the report with its creator's visibility and e-mails the files through the organisation's SMTP
 * server. A failed send waits with exponential back-off and is tried again; every attempt is
 * recorded on the run.
 */
export const makeReportScheduleRunner = (o: ReportScheduleRunnerOptions) => {
  const now = o.now ?? (() => new Date())
  const pool = o.db.system
  const box = notificationSecretBox(o.tokens)
  const maxAttempts = o.maxAttempts ?? MAX_ATTEMPTS
  const retryBaseMs = o.retryBaseMs ?? RETRY_BASE_MS

  /** Makes the runs of the schedules due at `at`; returns how many it made. */
  const claimDue = async (at: Date): Promise<number> => {
    const client = await pool.connect()
    try {
      await client.query("BEGIN")
      const { rows } = await client.query<DueRow>(
        `SELECT s.id, s.org_id, s.frequency, s.weekday, s.month_day, s.hour, s.next_run_at, s.recipients,
                o.settings->>'timezone' AS timezone
         FROM report_schedules s JOIN organisations o ON o.id = s.org_id
         WHERE s.enabled AND s.next_run_at <= $1 AND o.status = 'active'
         ORDER BY s.next_run_at LIMIT $2
         FOR UPDATE OF s SKIP LOCKED`,
        [at, CLAIM_BATCH],
      )
      let made = 0
      for (const s of rows) {
        const inserted = await client.query(
          `INSERT INTO report_schedule_runs (org_id, schedule_id, scheduled_for, recipients, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (schedule_id, scheduled_for) DO NOTHING`,
          [s.org_id, s.id, s.next_run_at, s.recipients, at],
        )
        made += inserted.rowCount ?? 0
        const timing = { frequency: s.frequency, weekday: s.weekday, monthDay: s.month_day, hour: s.hour }
        await client.query("UPDATE report_schedules SET next_run_at = $2 WHERE id = $1", [
          s.id,
          nextRunAt(timing, zoneOf(s.timezone), at),
        ])
      }
      await client.query("COMMIT")
      return made
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  /** Takes one run that is waiting (or whose attempt's lease ran out) for an attempt, or null. */
  const takeRun = async (at: Date): Promise<ClaimedRun | null> => {
    const { rows } = await pool.query<ClaimedRun>(
      `WITH taken AS (
         UPDATE report_schedule_runs r
         SET status = 'running', attempts = r.attempts + 1, started_at = coalesce(r.started_at, $1),
             lease_until = $1 + $2 * interval '1 millisecond', next_attempt_at = NULL
         WHERE r.id = (
           SELECT id FROM report_schedule_runs
           WHERE (status IN ('pending', 'retrying') AND next_attempt_at <= $1)
              OR (status = 'running' AND lease_until < $1)
           ORDER BY scheduled_for LIMIT 1
           FOR UPDATE SKIP LOCKED)
         RETURNING r.*)
       SELECT t.id, t.org_id, t.schedule_id, t.scheduled_for, t.attempts, t.recipients, t.attempt_log,
              s.name, s.report, s.filters, s.period, s.formats, s.language, s.created_by
       FROM taken t JOIN report_schedules s ON s.id = t.schedule_id`,
      [at, LEASE_MS],
    )
    return rows[0] ?? null
  }

  /** Renders and sends one run; records the attempt's outcome. */
  const attempt = async (run: ClaimedRun): Promise<void> => {
    const language = isLanguage(run.language) ? run.language : "en"
    let files: ReadonlyArray<{ name: string; bytes: number }> = []
    let period: { from: string | null; to: string | null } = { from: null, to: null }
    try {
      const { doc, files: made } = await scheduledReportFiles(
        o,
        {
          orgId: run.org_id,
          report: run.report,
          filters: run.filters,
          period: run.period,
          formats: run.formats,
          language,
          createdBy: run.created_by,
        },
        run.scheduled_for,
      )
      files = made.map((f) => ({ name: f.filename, bytes: f.content.length }))
      const match = /(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/u.exec(doc.filename)
      period = { from: match?.[1] ?? null, to: match?.[2] ?? null }
      const smtp = openChannelSettings(await readSettingsRow(pool, run.org_id), box, o.publicUrl).smtp
      if (smtp === null) throw new Error("e-mail is not configured for the organisation")
      const transport = await smtpTransport(smtp)
      try {
        const mail = scheduleMail(doc, run.name)
        await transport.sendMail({
          from: smtp.from,
          to: run.recipients,
          subject: mail.subject,
          text: mail.text,
          attachments: made.map((f) => ({
            filename: f.filename,
            content: f.content,
            contentType: f.contentType,
          })),
          // The same id on every attempt of a run: a repeat after a crash threads as one message.
          messageId: `<${run.id}@fleetcore.reports>`,
          headers: { "X-Fleet-Idempotency-Key": run.id, "X-Fleet-Report": run.report },
        })
      } finally {
        transport.close()
      }
      const at = now()
      await pool.query(
        `UPDATE report_schedule_runs SET status = 'ok', finished_at = $2, lease_until = NULL, error = NULL,
           files = $3, period_from = $4, period_to = $5, attempt_log = $6
         WHERE id = $1`,
        [
          run.id,
          at,
          JSON.stringify(files),
          period.from,
          period.to,
          JSON.stringify([...run.attempt_log, { at: at.toISOString(), error: null }]),
        ],
      )
      await pool.query(
        `INSERT INTO audit_log (org_id, actor_user_id, action, entity, entity_id, details)
         VALUES ($1, $2, 'export', 'report', NULL, $3)`,
        [
          run.org_id,
          run.created_by,
          JSON.stringify({
            report: run.report,
            formats: run.formats,
            period,
            scheduleId: run.schedule_id,
            runId: run.id,
            recipients: run.recipients,
          }),
        ],
      )
    } catch (error) {
      const at = now()
      const permanent = error instanceof PermanentRunError
      const giveUp = permanent || run.attempts >= maxAttempts
      const message = errorText(error)
      await pool.query(
        `UPDATE report_schedule_runs SET status = $2, error = $3, lease_until = NULL,
           finished_at = CASE WHEN $2 = 'failed' THEN $4::timestamptz END, next_attempt_at = $5,
           files = $6, period_from = $7, period_to = $8, attempt_log = $9
         WHERE id = $1`,
        [
          run.id,
          giveUp ? "failed" : "retrying",
          message,
          at,
          giveUp ? null : new Date(at.getTime() + retryDelayMs(run.attempts, retryBaseMs)),
          JSON.stringify(files),
          period.from,
          period.to,
          JSON.stringify([...run.attempt_log, { at: at.toISOString(), error: message }]),
        ],
      )
      o.log.warn(
        { err: error, runId: run.id, scheduleId: run.schedule_id, attempts: run.attempts },
        giveUp ? "scheduled report failed" : "scheduled report failed; tried again later",
      )
    }
  }

  /** One round: claims the due schedules, then sends every run waiting; returns the attempts made. */
  const runDue = async (): Promise<number> => {
    await claimDue(now())
    let attempts = 0
    for (;;) {
      const run = await takeRun(now())
      if (run === null) return attempts
      attempts++
      await attempt(run)
    }
  }

  let timer: NodeJS.Timeout | null = null
  let running: Promise<unknown> | null = null
  let again = false
  let stopped = false
  const tick = (): void => {
    if (stopped) return
    if (running !== null) {
      again = true
      return
    }
    running = runDue()
      .catch((error: unknown) => o.log.warn({ err: error }, "scheduled reports: a round failed"))
      .finally(() => {
        running = null
        if (again) {
          again = false
          tick()
        }
      })
  }

  return {
    runDue,
    /** Asks for a round now (a run was asked for); rounds never overlap. */
    wake: tick,
    /** Looks for due schedules and runs every `intervalMs` (30 s by default). */
    start: (intervalMs = 30_000): void => {
      if (timer !== null) return
      timer = setInterval(tick, intervalMs)
      timer.unref()
      tick()
    },
    close: async (): Promise<void> => {
      stopped = true
      if (timer !== null) clearInterval(timer)
      timer = null
      await running
    },
  }
}
export type ReportScheduleRunner = ReturnType<typeof makeReportScheduleRunner>
