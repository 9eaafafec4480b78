import { Context } from "effect"
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client"

/** Every counter the platform exports at GET /metrics (Prometheus text format). */
export const makeMetrics = () => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  return {
    registry,
    ingestAccepted: new Counter({
      name: "fleet_ingest_points_accepted_total",
      help: "Telemetry points validated and accepted by the bus",
      labelNames: ["transport"] as const,
      registers: [registry],
    }),
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
    storeLatency: new Histogram({
      name: "fleet_ingest_to_stored_seconds",
      help: "From ingest acceptance to the ClickHouse write completing",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10],
      registers: [registry],
    }),
    busPending: new Gauge({
      name: "fleet_bus_pending",
      help: "Messages waiting in the bus",
      registers: [registry],
    }),
  }
}
export type MetricsShape = ReturnType<typeof makeMetrics>

export class Metrics extends Context.Service<Metrics, MetricsShape>()("fleetcore/Metrics") {}
