import { type ClickHouseClient, columnRows } from "./ClickHouse.js"
import type { MetricsShape } from "./Metrics.js"

/** ClickHouse with each insert's duration observed by table (`fleet_clickhouse_insert_seconds`). */
export const instrumentClickHouse = (ch: ClickHouseClient, metrics: MetricsShape): ClickHouseClient => {
  const timed = async (table: string, work: () => Promise<void>) => {
    const started = performance.now()
    await work()
    metrics.clickhouseInsertSeconds.observe({ table }, (performance.now() - started) / 1000)
  }
  const { insertColumns } = ch
  return {
    ...ch,
    insert: async (table, columns, rows) => {
      if (rows.length > 0) await timed(table, () => ch.insert(table, columns, rows))
    },
    ...(insertColumns === undefined
      ? {}
      : {
          insertColumns: async (table, columns) => {
            if (columnRows(columns) > 0) await timed(table, () => insertColumns(table, columns))
          },
        }),
  }
}
