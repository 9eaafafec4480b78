import "./analytics.css"
import { endpoints } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, createSignal, Show } from "solid-js"
import { ApiError } from "../../api/ApiError"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { AnalyticsSidebar } from "./AnalyticsSidebar"
import { createAnalyticsRun } from "./analyticsQueries"

type Row = { readonly index: number; readonly values: ReadonlyArray<unknown> }

const DEFAULT_SQL =
  "SELECT vehicle_id, day, round(metres / 1000, 1) AS km\nFROM daily_mileage\nORDER BY day DESC\nLIMIT 100"

/** The analysts' SQL page: an editor, Run (Ctrl+Enter), the answer in a table, the error as ClickHouse gave it. */
export const AnalyticsPage = () => {
  const { t, format } = useI18n()
  const [sql, setSql] = createSignal(DEFAULT_SQL)
  const run = createAnalyticsRun()
  const execute = () => {
    if (sql().trim().length > 0 && !run.isPending) run.mutate(sql())
  }
  const show = (value: unknown): string => {
    if (value === null || value === undefined) return "NULL"
    if (typeof value === "number")
      return Number.isInteger(value)
        ? format().integer(value)
        : format().decimal(value, 3).replace(/0+$/u, "").replace(/[.,]$/u, "")
    return typeof value === "object" ? JSON.stringify(value) : String(value)
  }
  const columns = createMemo((): ColumnDef<Row, unknown>[] =>
    (run.data?.columns ?? []).map((column, i) => ({
      id: `c${i}`,
      header: column.name,
      accessorFn: (row: Row) => row.values[i],
      cell: (info) => show(info.getValue()),
      meta: { align: /Int|Float|Decimal/u.test(column.type) ? "end" : "start" },
    })),
  )
  const rows = createMemo((): Row[] => (run.data?.rows ?? []).map((values, index) => ({ index, values })))
  const errorTitle = (error: unknown): string => {
    if (!(error instanceof ApiError)) return t("analytics.error")
    if (error.code === "FLEET_ANALYTICS_QUERY_REJECTED") return t("analytics.rejected")
    if (error.code === "FLEET_ANALYTICS_TIMEOUT") return t("analytics.timeout")
    if (error.code === "FLEET_ANALYTICS_QUERY_FAILED") return t("analytics.failed")
    return t("analytics.error")
  }

  return (
    <div class="page analytics-page">
      <PageHeader title={t("analytics.title")} description={t("analytics.description")} />
      <div class="analytics-layout">
        <AnalyticsSidebar onPick={(text) => setSql(text)} />
        <section class="analytics-main">
          <label class="analytics-editor-label" for="analytics-sql">
            {t("analytics.editorLabel")}
          </label>
          <textarea
            id="analytics-sql"
            class="input analytics-editor"
            data-testid="analytics-sql"
            spellcheck={false}
            rows={10}
            value={sql()}
            onInput={(event) => setSql(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                event.preventDefault()
                execute()
              }
            }}
          />
          <div class="analytics-actions">
            <button
              type="button"
              class="button button--primary"
              data-testid="analytics-run"
              disabled={run.isPending}
              onClick={execute}
            >
              {run.isPending ? t("analytics.running") : t("analytics.run")}
            </button>
            <span class="muted">{t("analytics.shortcut")}</span>
            <Show when={run.data}>
              {(data) => (
                <span class="analytics-summary" data-testid="analytics-summary">
                  {t("analytics.summary", {
                    rows: format().integer(data().rows.length),
                    ms: format().integer(data().elapsedMs),
                  })}
                </span>
              )}
            </Show>
          </div>
          <Show when={run.isError}>
            <div class="analytics-error" role="alert" data-testid="analytics-error">
              <strong>{errorTitle(run.error)}</strong>
              <Show when={run.error instanceof ApiError}>
                <code>{(run.error as ApiError).code}</code>
              </Show>
              <pre>{run.error instanceof Error ? run.error.message : String(run.error)}</pre>
            </div>
          </Show>
          <Show when={run.data?.truncated}>
            <p class="analytics-truncated">
              {t("analytics.truncated", { rows: format().integer(run.data?.maxRows ?? 0) })}
            </p>
          </Show>
          <Show
            when={run.data}
            fallback={
              <Show when={!run.isError}>
                <p class="muted">{t("analytics.noQueryYet")}</p>
              </Show>
            }
          >
            <div class="analytics-results" data-testid="analytics-results">
              <DataTable
                id="analytics"
                label={t("analytics.results")}
                columns={columns()}
                result={{
                  data: { items: rows(), total: rows().length },
                  isLoading: false,
                  isFetching: run.isPending,
                  isError: false,
                  error: null,
                  refetch: execute,
                }}
                url={fixedTableState(Math.max(rows().length, 1))}
                rowId={(row) => String(row.index)}
                compact
                export={{
                  path: endpoints.analytics.export.path,
                  query: () => ({}),
                  body: () => ({ sql: run.variables ?? sql() }),
                }}
                empty={{ title: t("analytics.empty") }}
              />
            </div>
          </Show>
        </section>
      </div>
    </div>
  )
}
