import { endpoints } from "@fleetcore/contract"
import { createMemo, createSignal, For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { EmptyState } from "../../ui/EmptyState"
import { ExportMenu } from "../../ui/table/ExportMenu"
import { FilterSelect } from "../../ui/table/FilterSelect"
import type { Fence } from "./geofenceQueries"
import { scheduleText } from "./scheduleText"

/** The side list: search by name, kind filter, "active only"; each row opens the fence. */
export const GeofenceList = (props: {
  readonly fences: ReadonlyArray<Fence>
  readonly selectedId: string | null
  readonly canManage: boolean
  readonly onOpen: (id: string) => void
  readonly onActive: (fence: Fence, active: boolean) => void
}) => {
  const { t, format } = useI18n()
  const [q, setQ] = createSignal("")
  const [kind, setKind] = createSignal("")
  const [activeOnly, setActiveOnly] = createSignal(false)
  const shown = createMemo(() => {
    const needle = q().trim().toLocaleLowerCase()
    return props.fences.filter(
      (f) =>
        (needle === "" || f.name.toLocaleLowerCase().includes(needle)) &&
        (kind() === "" || f.kind === kind()) &&
        (!activeOnly() || f.active),
    )
  })
  /** The list's filters as the server's export reads them. */
  const exportQuery = (): Record<string, string> => ({
    ...(q().trim() === "" ? {} : { q: q().trim() }),
    ...(kind() === "" ? {} : { kind: kind() }),
    ...(activeOnly() ? { active: "true" } : {}),
    sort: "name",
  })
  return (
    <div class="geofence-list">
      <div class="geofence-list__filters">
        <input
          class="input"
          type="search"
          placeholder={t("geofences.search")}
          aria-label={t("geofences.search")}
          data-testid="geofence-search"
          value={q()}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <FilterSelect
          label={t("geofences.kind")}
          testId="geofence-kind-filter"
          value={kind()}
          all={t("geofences.allKinds")}
          onChange={setKind}
        >
          <option value="circle">{t("geofences.kind_circle")}</option>
          <option value="polygon">{t("geofences.kind_polygon")}</option>
        </FilterSelect>
        <label class="geofence-check">
          <input
            type="checkbox"
            data-testid="geofence-active-only"
            checked={activeOnly()}
            onChange={(e) => setActiveOnly(e.currentTarget.checked)}
          />
          <span>{t("geofences.activeOnly")}</span>
        </label>
        <ExportMenu
          id="geofences"
          export={{ path: endpoints.listExports.geofences.path, query: exportQuery }}
        />
      </div>
      <Show
        when={shown().length > 0}
        fallback={
          <EmptyState
            title={props.fences.length === 0 ? t("geofences.empty") : t("geofences.noMatch")}
            description={props.fences.length === 0 && props.canManage ? t("geofences.emptyText") : undefined}
          />
        }
      >
        <ul class="geofence-list__items" data-testid="geofence-list">
          <For each={shown()}>
            {(f) => (
              <li
                class="geofence-row"
                classList={{
                  "geofence-row--selected": f.id === props.selectedId,
                  "geofence-row--paused": !f.active,
                }}
                data-testid="geofence-row"
              >
                <button type="button" class="geofence-row__open" onClick={() => props.onOpen(f.id)}>
                  <span class="geofence-row__name">{f.name}</span>
                  <span class="geofence-row__meta muted">
                    {t(`geofences.kind_${f.kind}`)} ·{" "}
                    {t("geofences.dwellValue", { seconds: format().integer(f.dwellS) })} ·{" "}
                    {scheduleText(t, f.schedule)}
                  </span>
                </button>
                <label class="geofence-switch" title={t("geofences.activeLabel")}>
                  <input
                    type="checkbox"
                    aria-label={t("geofences.activeFor", { name: f.name })}
                    checked={f.active}
                    disabled={!props.canManage}
                    onChange={(e) => props.onActive(f, e.currentTarget.checked)}
                  />
                </label>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
