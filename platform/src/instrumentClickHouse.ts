import type { ClickHouseClient } from "./ClickHouse.js"
import type { MetricsShape } from "./Metrics.js"

/** ClickHouse with each insert's duration observed by table (`fleet_clickhouse_insert_seconds`). */
export const instrumentClickHouse = (ch: ClickHouseClient, metrics: MetricsShape): ClickHouseClient => ({
  ...ch,
  insert: async (table, columns, rows) => {
    if (rows.length === 0) return
    const started = performance.now()
    await ch.insert(table, columns, rows)
    metrics.clickhouseInsertSeconds.observe({ table }, (performance.now() - started) / 1000)
  },
})
