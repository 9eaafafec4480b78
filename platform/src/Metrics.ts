import { Context } from "effect"
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client"
import { BinnedHistogram } from "./BinnedHistogram.js"
import type { ConsumerLag } from "./Bus.js"

/** Seconds, from a millisecond hop (a publish acknowledged, an insert) to a slow batch. */
const HOP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * Every metric the platform exports at GET /metrics (Prometheus text format). The per-hop ones
 * (bus publish, consumer lag, batch handling, rules, ClickHouse inserts, engine jobs) are observed
 * once per call or batch, never per point; docs/architecture.md, "Metrics for every hop", lists them.
 */
export const makeMetrics = () => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  let lagSource: (() => Promise<ReadonlyArray<ConsumerLag>>) | null = null
  /** Points accepted per transport since the counter was last read (added to it when read). */
  const acceptedSinceRead = new Map<string, number>()
  return {
    registry,
    /** Where `fleet_bus_consumer_lag_records` is read from at each scrape (the process's bus). */
    watchBusLag: (source: () => Promise<ReadonlyArray<ConsumerLag>>) => {
      lagSource = source
    },
    busConsumerLag: new Gauge({
      name: "fleet_bus_consumer_lag_records",
      help: "Records of a durable topic's partition not yet handled by a consumer group of this process",
      labelNames: ["topic", "group", "partition"] as const,
      registers: [registry],
      async collect() {
        this.reset()
        if (lagSource === null) return
        for (const l of await lagSource())
          this.set({ topic: l.topic, group: l.group, partition: String(l.partition) }, l.records)
      },
    }),
    /** Observed once a publish (a message): binned, see `BinnedHistogram`. */
    busPublishSeconds: new BinnedHistogram(
      "fleet_bus_publish_seconds",
      "From a publish call to the bus acknowledging it (durable log written, or Kafka acks=all)",
      HOP_BUCKETS,
      ["topic"] as const,
      registry,
    ),
    busHandlerSeconds: new Histogram({
      name: "fleet_bus_handler_seconds",
      help: "Time a consumer group's handler took over one batch of one partition",
      labelNames: ["topic", "group"] as const,
      buckets: HOP_BUCKETS,
      registers: [registry],
    }),
    busBatchRecords: new Histogram({
      name: "fleet_bus_batch_records",
      help: "Records in one batch handed to a consumer group's handler",
      labelNames: ["topic", "group"] as const,
      buckets: [1, 10, 50, 100, 500, 1000, 2500, 5000],
      registers: [registry],
    }),
    clickhouseInsertSeconds: new Histogram({
      name: "fleet_clickhouse_insert_seconds",
      help: "Duration of one ClickHouse insert (the sink write), by table",
      labelNames: ["table"] as const,
      buckets: HOP_BUCKETS,
      registers: [registry],
    }),
    rulesThreadGcSeconds: new Histogram({
      name: "fleet_rules_thread_gc_duration_seconds",
      help: "Garbage collections of the rules' own thread (FLEET_RULES_THREAD=worker), by kind",
      labelNames: ["kind"] as const,
      // prom-client's buckets for the main thread's nodejs_gc_duration_seconds.
      buckets: [0.001, 0.01, 0.1, 1, 2, 5],
      registers: [registry],
    }),
    rulesSeconds: new Histogram({
      name: "fleet_engine_rules_seconds",
      help: "Rules (mileage, trips, fuel, alerts…) over one batch of stored points",
      buckets: HOP_BUCKETS,
      registers: [registry],
    }),
    engineJobSeconds: new Histogram({
      name: "fleet_engine_job_seconds",
      help: "One run of an engine job (vehicle state and rule snapshots to PostgreSQL, trip close-out…)",
      labelNames: ["job"] as const,
      buckets: HOP_BUCKETS,
      registers: [registry],
    }),
    liveSockets: new Gauge({
      name: "fleet_live_sockets",
      help: "WebSocket clients of this API process's live feed",
      registers: [registry],
    }),
    ingestAccepted: new Counter({
      name: "fleet_ingest_points_accepted_total",
      help: "Telemetry points validated and accepted by the bus",
      labelNames: ["transport"] as const,
      registers: [registry],
      collect() {
        for (const [transport, points] of acceptedSinceRead) this.inc({ transport }, points)
        acceptedSinceRead.clear()
      },
    }),
    /**
     * Counts points a transport had accepted (`fleet_ingest_points_accepted_total`), once a message:
     * a plain map entry, added to the counter whenever it is read (a labelled `inc` costs ~130 ns).
     */
    countAccepted: (transport: string, points: number): void => {
      acceptedSinceRead.set(transport, (acceptedSinceRead.get(transport) ?? 0) + points)
    },
    ingestRejected: new Counter({
      name: "fleet_ingest_points_rejected_total",
      help: "Telemetry points or payloads rejected (each one is on the dead-letter stream)",
      labelNames: ["transport", "reason"] as const,
      registers: [registry],
    }),
    mqttConnections: new Gauge({
      name: "fleet_mqtt_connections",
      help: "Connected MQTT devices",
      labelNames: ["version"] as const,
      registers: [registry],
    }),
    clickhouseRows: new Counter({
      name: "fleet_clickhouse_rows_written_total",
      help: "Rows written to ClickHouse",
      labelNames: ["table"] as const,
      registers: [registry],
    }),
    positionsBufferRows: new Gauge({
      name: "fleet_positions_buffer_rows",
      help: "Points in positions_buffer not yet flushed into positions: in memory only, their bus batches not committed",
      registers: [registry],
    }),
    engineDuplicates: new Counter({
      name: "fleet_engine_duplicate_points_total",
      help: "Points dropped by the engine because the same point was already processed",
      registers: [registry],
    }),
    lateBeyondWindow: new Counter({
      name: "fleet_rules_late_points_beyond_window_total",
      help: "Late points older than the rules' re-derivation window: stored, not re-derived live (replay covers them)",
      registers: [registry],
    }),
    /** Observed once a point: binned, see `BinnedHistogram`. */
    storeLatency: new BinnedHistogram(
      "fleet_ingest_to_stored_seconds",
      "From ingest acceptance to the ClickHouse write completing",
      // Fine around the latency goal (p99 ≤ 250 ms at 20,000 points/s), so it can be read off.
      [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10],
      [],
      registry,
    ),
    busPending: new Gauge({
      name: "fleet_bus_pending",
      help: "Messages waiting in the bus",
      registers: [registry],
    }),
  }
}
export type MetricsShape = ReturnType<typeof makeMetrics>

export class Metrics extends Context.Service<Metrics, MetricsShape>()("fleetcore/Metrics") {}
