import { AppLog, Bus, ClickHouse, chTime, Metrics, Postgres } from "@fleetcore/platform"
import {
  type DeadLetter,
  DeadLetterTopic,
  type LiveBatch,
  type LivePosition,
  LiveTopic,
  type OrgId,
  type TelemetryRecord,
  TelemetryTopic,
} from "@fleetcore/proto"
import { Effect, Layer } from "effect"
import { type AlertRow, alertView } from "./AlertSink.js"
import { BatchWriter } from "./BatchWriter.js"
import { BufferFlusher } from "./BufferFlusher.js"
import { checkOffline } from "./checkOffline.js"
import { DuplicateFilter } from "./DuplicateFilter.js"
import { planMaintenance } from "./MaintenanceJob.js"
import { notStoredYet } from "./notStoredYet.js"
import { oneProcessAtATime } from "./oneProcessAtATime.js"
import { periodicJob } from "./periodicJob.js"
import { POSITION_COLUMNS, positionColumns, positionRow } from "./positionRow.js"
import { purgeAuditLogs } from "./purgeAuditLogs.js"
import { RulesRunner } from "./RulesRunner.js"
import { type Rules, RulesThread } from "./RulesThread.js"
import {
  DAILY_MILEAGE_COLUMNS,
  DRIVER_MILEAGE_COLUMNS,
  FUEL_EVENT_COLUMNS,
  TRIP_COLUMNS,
} from "./ruleOutputs.js"
import { StoredInOrder } from "./StoredInOrder.js"
import { VehicleStateStore } from "./VehicleStateStore.js"
import { vehiclesBehindSnapshot } from "./vehiclesBehindSnapshot.js"

/**
 * Derived rows (trips, mileage totals, fuel events) wait up to a second for their insert: they
 * are few per vehicle, and fewer, larger inserts leave the ClickHouse session to positions.
 */
const DERIVED_FLUSH_MS = 1_000
// Mileage rows are running totals per (vehicle, day) and (driver, vehicle, day), added in run
// order: only the latest of each key in a flush is written.

/** How long a new point may wait in `positions_buffer` for its flush (`FLEET_POSITIONS_FLUSH_MS`). */
export const DEFAULT_POSITIONS_FLUSH_MS = 1_000

export interface EngineOptions {
  /** Rows per ClickHouse insert, at most. */
  readonly flushRows: number
  /** How long a point may wait for its insert. */
  readonly flushDelayMs: number
  /**
   * How often vehicles' last state, and what the API reads of their rule state, are written to
   * Postgres.
   */
  readonly stateFlushMs: number
  /** How often a vehicle's whole rule state (the restart point of its rules) is written, at most. */
  readonly ruleSnapshotMs: number
  /** How often trips of vehicles gone silent are closed and vehicle profiles refreshed. */
  readonly tripCloseOutMs: number
  /** How often services are planned, reminders sent and overdue tasks flagged. */
  readonly maintenanceCheckMs: number
  /** How often vehicles are checked for having gone silent (device offline). */
  readonly offlineCheckMs: number
  /** How often audit entries past their organisation's retention are purged. */
  readonly auditRetentionMs: number
  /** Runs the rules on a worker thread of their own (RulesThread) instead of this one. */
  readonly rulesThread?: boolean
  /**
   * New points go to `positions_buffer`, a ClickHouse Buffer in front of `positions`, which is
   * flushed into its table by these thresholds: fewer, larger parts than an insert every
   * `flushDelayMs`, and the points visible as soon as they are in the buffer. A bus batch is
   * finished (its offset committed) only once its points were flushed. Only where the bus delivers
   * several batches of a partition at once (the durable log) and ingest runs in this process:
   * points received before it started may be in `positions` already, and are written there.
   * Without it, points go to `positions` directly.
   */
  readonly positionsBuffer?: { readonly maxRows: number; readonly maxDelayMs: number }
}

const DEAD_LETTER_COLUMNS = [
  "at",
  "source",
  "device_id",
  "org_id",
  "reason",
  "field",
  "message",
  "payload",
] as const
const deadLetterRow = (d: DeadLetter): ReadonlyArray<unknown> => [
  chTime(d.atMs),
  d.source,
  d.deviceId,
  d.orgId,
  d.reason,
  d.field,
  d.message,
  d.payload,
]

/**
 * The engine: consumes validated telemetry per vehicle partition, stores every new point in
 * ClickHouse (batched by size and time), keeps each vehicle's last state in Postgres, and
 * publishes live positions once their points are stored. Also stores the dead-letter stream.
 */
export const EngineLayer = (options: EngineOptions) =>
  Layer.effectDiscard(
    Effect.gen(function* () {
      const bus = yield* Bus
      const ch = yield* ClickHouse
      const pg = yield* Postgres
      const metrics = yield* Metrics
      const log = yield* AppLog

      const tableWriter = (
        table: string,
        columns: ReadonlyArray<string>,
        maxDelayMs = options.flushDelayMs,
        keyOf?: (row: ReadonlyArray<unknown>) => string,
      ) =>
        new BatchWriter<ReadonlyArray<unknown>>({
          write: async (rows) => {
            await ch.insert(table, columns, rows)
            metrics.clickhouseRows.inc({ table }, rows.length)
          },
          maxRows: options.flushRows,
          maxDelayMs,
          ...(keyOf === undefined ? {} : { keyOf }),
        })
      // Points go to chDB as typed columns (Arrow: nothing printed here or parsed there); to a
      // ClickHouse server as JSON rows.
      const insertPositions = async (table: string, records: ReadonlyArray<TelemetryRecord>) => {
        if (ch.insertColumns !== undefined) await ch.insertColumns(table, positionColumns(records))
        else await ch.insert(table, POSITION_COLUMNS, records.map(positionRow))
        metrics.clickhouseRows.inc({ table: "positions" }, records.length)
      }
      const positions = new BatchWriter<TelemetryRecord>({
        write: (records) => insertPositions("positions", records),
        maxRows: options.flushRows,
        maxDelayMs: options.flushDelayMs,
      })
      // With the buffer (EngineOptions.positionsBuffer): points received since this process
      // started go to it; older ones (the log delivering again what a previous run had not
      // committed) may be in `positions` already: those that are not go there directly.
      const startedAtMs = Date.now()
      const bufferOf = (limits: NonNullable<EngineOptions["positionsBuffer"]>) => {
        const flusher = new BufferFlusher({
          flush: () => ch.exec("OPTIMIZE TABLE positions_buffer"),
          onPending: (rows) => metrics.positionsBufferRows.set(rows),
          ...limits,
        })
        const writer = new BatchWriter<TelemetryRecord>({
          // A batch as large as a flush (the engine saturated) makes as large a part directly:
          // through the buffer it would cost the session a second pass.
          write: async (records) => {
            if (records.length >= limits.maxRows) return insertPositions("positions", records)
            await insertPositions("positions_buffer", records)
            flusher.written(records.length)
          },
          maxRows: options.flushRows,
          maxDelayMs: options.flushDelayMs,
        })
        return { flusher, writer }
      }
      const buffer = options.positionsBuffer === undefined ? null : bufferOf(options.positionsBuffer)
      /** Stores `fresh`: resolves once queries see it (with the buffer, not yet durable). */
      const store = async (fresh: ReadonlyArray<TelemetryRecord>): Promise<void> => {
        if (buffer === null) return positions.add(fresh)
        const replayed = fresh.filter((r) => r.receivedAtMs < startedAtMs)
        const latest = replayed.length === 0 ? fresh : fresh.filter((r) => r.receivedAtMs >= startedAtMs)
        const missing = replayed.length === 0 ? replayed : await notStoredYet(ch, replayed)
        await Promise.all([positions.add(missing), buffer.writer.add(latest)])
      }
      const deadLetters = tableWriter("dead_letters", DEAD_LETTER_COLUMNS)
      const publishAlert = (row: AlertRow) =>
        bus
          .publish(LiveTopic, [
            { key: row.org_id, value: { orgId: row.org_id as OrgId, kind: "alert", alert: alertView(row) } },
          ])
          .catch((error: unknown) => log.warn({ err: error }, "alert not pushed live"))
      const sinks = {
        trips: tableWriter("trips", TRIP_COLUMNS, DERIVED_FLUSH_MS),
        dailyMileage: tableWriter(
          "daily_mileage",
          DAILY_MILEAGE_COLUMNS,
          DERIVED_FLUSH_MS,
          (r) => `${r[1]}|${r[2]}`,
        ),
        driverMileage: tableWriter(
          "daily_mileage_driver",
          DRIVER_MILEAGE_COLUMNS,
          DERIVED_FLUSH_MS,
          (r) => `${r[1]}|${r[2]}|${r[3]}`,
        ),
        fuelEvents: tableWriter("fuel_events", FUEL_EVENT_COLUMNS, DERIVED_FLUSH_MS),
      }
      const deps = {
        snapshotEveryMs: options.ruleSnapshotMs,
        db: pg.system,
        ch,
        ...sinks,
        onAlertOpened: publishAlert,
        onAlertChanged: publishAlert,
        onLateBeyondWindow: (points: number) => metrics.lateBeyondWindow.inc(points),
        log,
      }
      const rulesThread = options.rulesThread
        ? new RulesThread({
            ...deps,
            onGc: (kind, seconds) => metrics.rulesThreadGcSeconds.observe({ kind }, seconds),
          })
        : null
      const rules: Rules = rulesThread ?? new RulesRunner(deps)
      const state = new VehicleStateStore(pg.system)
      const duplicates = new DuplicateFilter(2048)

      // Which bus partition each vehicle's points came from: what a rebalance hands over.
      const partitionOf = new Map<string, number>()
      // A partition's next batches are handed to the store while the ones before are still being
      // stored or run through the rules: a point joins the batch writer's next insert as soon as
      // the bus has it, instead of waiting for its partition's insert-and-rules cycle.
      // With the buffer a batch is finished only at the flush after it (up to a second): at ~100
      // batches a second a partition, 64 would stop the hand-over for a part of every second.
      const IN_FLIGHT = buffer === null ? 64 : 512
      const inOrder = new StoredInOrder<TelemetryRecord>((fresh) => applyStored(fresh))
      // Each partition's last batch until applied (stored, live, rules): the next one is applied
      // after it. Not the bus's `previous`, which with the buffer also waits for the flush.
      const appliedOf = new Map<number, Promise<void>>()
      const onTelemetry = async (
        records: ReadonlyArray<TelemetryRecord>,
        partition: number,
        previous?: Promise<void>,
      ) => {
        for (const r of records) partitionOf.set(r.vehicleId, partition)
        const fresh = duplicates.fresh(records)
        if (fresh.length < records.length) metrics.engineDuplicates.inc(records.length - fresh.length)
        if (fresh.length === 0) return
        // Remembered now, so a copy of one in a batch behind this one (still in flight) is known.
        // If this batch, or one before it, fails, every batch from there is delivered again: the
        // filter forgets all it holds, so none of them is taken for a duplicate. (A duplicate
        // that gets past it is stored once: `positions` replaces rows with the same key.)
        for (const r of fresh) duplicates.remember(r)
        const waiting = inOrder.enter(partition, fresh)
        // The bus passes no `previous` to the first batch after a start or a failure.
        const before = previous === undefined ? undefined : appliedOf.get(partition)
        let durable: Promise<void> | undefined
        const applied = (async () => {
          await store(fresh)
          // The flush after every row in the buffer now (this batch's, unless its insert went to
          // `positions` directly); awaited after the rules, and not unhandled meanwhile.
          durable = buffer?.flusher.durable()
          durable?.catch(() => undefined)
          waiting.stored = true
          const storedAt = Date.now()
          for (const r of fresh) metrics.storeLatency.observe((storedAt - r.receivedAtMs) / 1000)
          await before
          await inOrder.run(partition, waiting)
        })()
        appliedOf.set(partition, applied)
        try {
          await applied
          await durable
          await previous
        } catch (error) {
          inOrder.leave(partition, waiting)
          duplicates.clear()
          throw error
        }
      }
      /** Moves live state, live positions and the rules on by points already stored. */
      const applyStored = async (fresh: ReadonlyArray<TelemetryRecord>) => {
        // After a start, a vehicle's newest known position comes from Postgres: a late point must
        // not move its marker or "last seen" back.
        await state.load(fresh)
        const live = new Map<OrgId, Map<string, LivePosition>>()
        for (const r of fresh) {
          const position = state.observe(r)
          if (position === null) continue
          const org = live.get(r.orgId) ?? new Map<string, LivePosition>()
          live.set(r.orgId, org)
          org.set(r.vehicleId, position)
        }
        // Live positions are best effort: the points are stored, and a dashboard that misses one
        // gets the next (or reloads the list). A failure here must not redeliver the batch.
        if (live.size > 0) {
          await bus
            .publish(
              LiveTopic,
              [...live].map(([orgId, byVehicle]) => ({
                key: orgId,
                value: { orgId, kind: "positions", positions: [...byVehicle.values()] } satisfies LiveBatch,
              })),
            )
            .catch((error: unknown) => log.warn({ err: error }, "live positions not published"))
        }
        const rulesStarted = performance.now()
        await rules.process(fresh)
        metrics.rulesSeconds.observe((performance.now() - rulesStarted) / 1000)
      }

      // Before consuming: vehicles whose stored points ran ahead of their rule snapshot when the
      // process died are re-derived now, not only when (if ever) they report again.
      const behind = yield* Effect.promise(() => vehiclesBehindSnapshot(ch, pg.system))
      const rerun = yield* Effect.promise(() => rules.reconcile(behind))
      if (rerun > 0) log.info({ vehicles: rerun }, "rules caught up with points stored before the restart")

      // Partitions moved to another engine process (Kafka rebalance, or this one leaving): their
      // batches in flight have finished; once their outputs and state are stored, the vehicles'
      // rule snapshots are what the new owner starts from, and this process lets them go.
      const handOver = async (partitions: ReadonlyArray<number>) => {
        const moved = new Set(partitions)
        const vehicles = [...partitionOf].filter(([, p]) => moved.has(p)).map(([vehicleId]) => vehicleId)
        if (vehicles.length === 0) return
        await rules.drain()
        await state.flush()
        await rules.snapshot()
        await rules.release(vehicles)
        state.release(vehicles)
        for (const vehicleId of vehicles) partitionOf.delete(vehicleId)
        log.info(
          { partitions, vehicles: vehicles.length },
          "partitions handed over: vehicle state snapshotted",
        )
      }
      const telemetry = yield* Effect.acquireRelease(
        Effect.promise(() =>
          bus.subscribe(TelemetryTopic, "engine", onTelemetry, {
            onRevoked: handOver,
            inFlight: IN_FLIGHT,
          }),
        ),
        (s) => Effect.promise(() => s.close()),
      )
      const dlq = yield* Effect.acquireRelease(
        Effect.promise(() =>
          bus.subscribe(DeadLetterTopic, "engine-dlq", (letters) =>
            deadLetters.add(letters.map(deadLetterRow)),
          ),
        ),
        (s) => Effect.promise(() => s.close()),
      )

      // On shutdown: stop consuming first (the batches in flight wait for their flush: at once
      // from now on), then write what is buffered.
      yield* Effect.addFinalizer(() =>
        Effect.promise(async () => {
          buffer?.flusher.hurry()
          await telemetry.close()
          await dlq.close()
          await positions.flush()
          await buffer?.writer.flush()
          await buffer?.flusher
            .close()
            .catch((error: unknown) =>
              log.error(
                { err: error },
                "points in positions_buffer not flushed: the log delivers them again",
              ),
            )
          await deadLetters.flush()
          await state.flush()
          await rules.drain()
          await rules.snapshot()
          await rulesThread?.close()
        }),
      )
      // Registered after the shutdown above, so stopped before it runs: each job finishes the
      // round it is in, and none starts while the engine shuts down.
      const jobHooks = {
        failed: (what: string, cause: unknown) => log.error({ cause: String(cause) }, `${what} failed`),
        finished: (what: string, seconds: number) => metrics.engineJobSeconds.observe({ job: what }, seconds),
      }
      const every = (what: string, ms: number, work: () => Promise<unknown>) =>
        periodicJob(what, ms, work, jobHooks)
      yield* every("vehicle state flush", options.stateFlushMs, () => state.flush())
      yield* every("rule state snapshot", options.stateFlushMs, () => rules.checkpoint(Date.now()))
      yield* every("trip close-out", options.tripCloseOutMs, () => rules.tick(Date.now()))
      yield* every("profile refresh", options.tripCloseOutMs, () => rules.refreshProfiles())
      // Installation-wide jobs: with several engine processes, one runs each round (the others skip
      // it while it holds the job's lock); each is also safe to run twice.
      yield* every("maintenance planning", options.maintenanceCheckMs, () =>
        oneProcessAtATime(pg.system, "maintenance planning", async () => {
          for (const row of await planMaintenance(pg.system, new Date().toISOString().slice(0, 10)))
            await publishAlert(row)
        }),
      )
      yield* every("device offline check", options.offlineCheckMs, () =>
        oneProcessAtATime(pg.system, "device offline check", async () => {
          for (const row of await checkOffline(pg.system)) await publishAlert(row)
        }),
      )
      yield* every("audit retention", options.auditRetentionMs, () =>
        oneProcessAtATime(pg.system, "audit retention", async () => {
          const removed = await purgeAuditLogs(pg.system)
          if (removed > 0) log.info({ removed }, "audit entries past retention purged")
        }),
      )
    }),
  )
