import "./mileage.css"
import { type BulkReadingResult, endpoints, type VehicleRecord } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Save } from "lucide-solid"
import { createMemo, createSignal, For, Show } from "solid-js"
import { createStore, reconcile } from "solid-js/store"
import { useApi } from "../../api/ApiContext"
import { createAllPagesQuery } from "../../api/createAllPagesQuery"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { FormError } from "../../ui/form/FormError"
import { parseNumber } from "../../ui/form/numberText"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { showToast } from "../../ui/toast"
import { formatKm } from "../vehicles/vehicleFormat"

type Vehicle = typeof VehicleRecord.Encoded
type Result = typeof BulkReadingResult.Encoded

/**
 * Bulk mileage entry: the organisation's vehicles (a driver: their own) with the current odometer
 * and an input per row; readings typed on any page of the table are kept until saved, and the
 * server's verdict for each is shown on its row.
 */
export const MileageBulkPage = () => {
  const { t, format, locale } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const url = createTableUrlState({ filters: ["teamId", "department"], sorts: ["name", "plate"] })
  const result = createListQuery(endpoints.vehicles.list, () => ({ query: listQueryOf(url.state()) }))
  const teams = createAllPagesQuery(endpoints.teams.list, () => ({ query: { sort: "name" } }))
  const [values, setValues] = createStore<Record<string, string>>({})
  const [results, setResults] = createStore<Record<string, Result>>({})
  const [saving, setSaving] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const typed = () => Object.entries(values).filter(([, v]) => v.trim() !== "")

  const resultCell = (id: string) => {
    const typedValue = values[id] ?? ""
    if (typedValue.trim() !== "" && parseNumber(typedValue, locale()) === null)
      return <span class="mileage-result mileage-result--refused">{t("imports.notANumber")}</span>
    const r = results[id]
    if (r === undefined) return ""
    if (r.status === "refused")
      return (
        <span class="mileage-result mileage-result--refused" data-testid="mileage-refused">
          {r.message}
        </span>
      )
    return (
      <span class="mileage-result" data-testid="mileage-accepted">
        <span class={r.reading?.flagged ? "badge badge--warning" : "badge badge--success"}>
          {r.reading?.flagged ? t("imports.flagged") : t("imports.accepted")}
        </span>
      </span>
    )
  }

  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Vehicle, unknown>> => [
      {
        id: "plate",
        header: t("imports.plate"),
        cell: (c) => c.row.original.plate ?? "—",
        meta: { sortKey: "plate", width: "9rem", hideable: false },
      },
      {
        id: "name",
        header: t("imports.vehicle"),
        cell: (c) => c.row.original.name,
        meta: { sortKey: "name" },
      },
      {
        id: "current",
        header: t("imports.current"),
        cell: (c) => {
          const km = c.row.original.odometerKm
          return km === null ? "—" : formatKm(format(), km)
        },
        meta: { align: "end", width: "10rem" },
      },
      {
        id: "reading",
        header: t("imports.newReading"),
        cell: (c) => (
          <input
            class="input mileage-input"
            inputmode="decimal"
            aria-label={t("imports.readingOf", { vehicle: c.row.original.plate ?? c.row.original.name })}
            data-testid="mileage-input"
            value={values[c.row.original.id] ?? ""}
            onInput={(e) => setValues(c.row.original.id, e.currentTarget.value)}
          />
        ),
        meta: { width: "11rem", hideable: false },
      },
      {
        id: "result",
        header: t("imports.result"),
        cell: (c) => resultCell(c.row.original.id),
        meta: { width: "22rem", hideable: false },
      },
    ],
  )

  const save = async () => {
    const rows = typed().flatMap(([vehicleId, v]) => {
      const valueKm = parseNumber(v, locale())
      return valueKm === null ? [] : [{ vehicleId, valueKm }]
    })
    if (rows.length === 0) {
      showToast("info", t("imports.nothingToSave"))
      return
    }
    setSaving(true)
    setError(undefined)
    try {
      const answer = await api.call(endpoints.odometer.bulk, { body: { rows } })
      setResults(reconcile(Object.fromEntries(answer.results.map((r) => [r.vehicleId, r]))))
      for (const r of answer.results) if (r.status === "accepted") setValues(r.vehicleId, "")
      await queryClient.invalidateQueries({ queryKey: [endpoints.vehicles.list.id] })
      showToast(
        answer.refused === 0 ? "success" : "info",
        t("imports.saved", { accepted: String(answer.accepted), refused: String(answer.refused) }),
      )
    } catch (e) {
      setError(() => e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <div class="page">
      <PageHeader title={t("imports.bulkTitle")} description={t("imports.bulkDescription")} />
      <div class="mileage-actions">
        <button
          type="button"
          class="button button--primary"
          disabled={saving()}
          data-testid="mileage-save"
          onClick={() => void save()}
        >
          <Save size={16} aria-hidden="true" />
          <span>{saving() ? t("imports.saving") : t("imports.save")}</span>
        </button>
        <Show when={typed().length > 0}>
          <span class="muted" data-testid="mileage-pending">
            {t("imports.pending", { count: String(typed().length) })}
          </span>
        </Show>
      </div>
      <FormError error={error()} />
      <DataTable
        id="mileage"
        label={t("imports.bulkTitle")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        empty={{ title: t("imports.empty"), description: t("imports.emptyText") }}
        filters={
          <>
            <FilterSelect
              label={t("imports.team")}
              testId="mileage-filter-team"
              value={url.state().filters.teamId ?? ""}
              all={t("imports.allTeams")}
              onChange={(value) => url.setFilter("teamId", value)}
            >
              <For each={teams.data?.items ?? []}>
                {(team) => <option value={team.id}>{team.name}</option>}
              </For>
            </FilterSelect>
            <label class="filter">
              <span>{t("imports.department")}</span>
              <input
                class="input mileage-filter-text"
                placeholder={t("imports.anyDepartment")}
                data-testid="mileage-filter-department"
                value={url.state().filters.department ?? ""}
                onChange={(e) => url.setFilter("department", e.currentTarget.value.trim())}
              />
            </label>
          </>
        }
      />
    </div>
  )
}
