import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { createAnalyticsTablesQuery } from "./analyticsQueries"

/** The dictionary's words for the examples and tables the server lists (its own English otherwise). */
const EXAMPLE_KEYS = {
  "daily-distance": "analytics.exampleDailyDistance",
  "fuel-per-100km": "analytics.exampleFuelPer100km",
  "speeding-minutes": "analytics.exampleSpeedingMinutes",
  "time-in-area": "analytics.exampleTimeInArea",
  "fuel-drops": "analytics.exampleFuelDrops",
} as const
const TABLE_KEYS = {
  positions: "analytics.tablePositions",
  trips: "analytics.tableTrips",
  daily_mileage: "analytics.tableDailyMileage",
  daily_mileage_driver: "analytics.tableDailyMileageDriver",
  fuel_events: "analytics.tableFuelEvents",
  dead_letters: "analytics.tableDeadLetters",
} as const
const keyOf = <K extends string>(keys: Readonly<Record<string, K>>, id: string): K | undefined => keys[id]

/** The tables (with their columns) and the example queries beside the editor. */
export const AnalyticsSidebar = (props: { readonly onPick: (sql: string) => void }) => {
  const { t } = useI18n()
  const tables = createAnalyticsTablesQuery()
  return (
    <aside class="analytics-side" data-testid="analytics-side">
      <h2>{t("analytics.examples")}</h2>
      <ul class="analytics-examples">
        <For each={tables.data?.examples ?? []}>
          {(example) => (
            <li>
              <button
                type="button"
                class="analytics-link"
                data-testid={`analytics-example-${example.id}`}
                onClick={() => props.onPick(example.sql)}
              >
                {(() => {
                  const key = keyOf(EXAMPLE_KEYS, example.id)
                  return key ? t(key) : example.title
                })()}
              </button>
            </li>
          )}
        </For>
      </ul>
      <h2>{t("analytics.tables")}</h2>
      <Show when={tables.data} fallback={<p class="muted">{t("analytics.loadingTables")}</p>}>
        <For each={tables.data?.tables ?? []}>
          {(table) => (
            <details class="analytics-table" data-testid={`analytics-table-${table.name}`}>
              {/* The summary only opens and closes: a button inside it would be a control in a control. */}
              <summary>
                <span class="analytics-mono">{table.name}</span>
                <span class="muted">
                  {" · "}
                  {(() => {
                    const key = keyOf(TABLE_KEYS, table.name)
                    return key ? t(key) : table.description
                  })()}
                </span>
              </summary>
              <button
                type="button"
                class="analytics-link analytics-insert"
                data-testid={`analytics-insert-${table.name}`}
                onClick={() => props.onPick(`SELECT *\nFROM ${table.name}\nLIMIT 100`)}
              >
                {t("analytics.insertTable", { table: table.name })}
              </button>
              <ul>
                <For each={table.columns}>
                  {(column) => (
                    <li title={column.comment}>
                      <span class="analytics-mono">{column.name}</span>{" "}
                      <span class="muted analytics-type">{column.type}</span>
                    </li>
                  )}
                </For>
              </ul>
            </details>
          )}
        </For>
      </Show>
    </aside>
  )
}
