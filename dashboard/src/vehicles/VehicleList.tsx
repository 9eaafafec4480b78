import { createMemo, createSignal, For, Match, Switch } from "solid-js"
import type { Vehicle, VehicleId } from "../api/types"
import { useI18n } from "../i18n/I18nContext"
import { VehicleRow } from "./VehicleRow"

export interface VehicleListProps {
  readonly vehicles: ReadonlyArray<Vehicle>
  readonly loading: boolean
  readonly selectedId: VehicleId | null
  readonly nowMs: number
  readonly onSelect: (id: VehicleId) => void
}

/** The searchable list of vehicles, sorted by name in the reader's language. */
export const VehicleList = (props: VehicleListProps) => {
  const { t, locale, format } = useI18n()
  const [query, setQuery] = createSignal("")
  const collator = createMemo(() => new Intl.Collator(locale(), { numeric: true, sensitivity: "base" }))

  const shown = createMemo(() => {
    const q = query().trim().toLocaleLowerCase(locale())
    const matches = (v: Vehicle) =>
      q === "" ||
      v.name.toLocaleLowerCase(locale()).includes(q) ||
      (v.plate ?? "").toLocaleLowerCase(locale()).replaceAll(" ", "").includes(q.replaceAll(" ", ""))
    const compare = collator().compare
    return props.vehicles.filter(matches).sort((a, b) => compare(a.name, b.name))
  })

  return (
    <section class="vehicle-list" aria-labelledby="vehicle-list-title">
      <header class="vehicle-list__header">
        <h2 id="vehicle-list-title">
          {t("vehicles.title")} <span class="badge">{format().integer(props.vehicles.length)}</span>
        </h2>
        <input
          type="search"
          class="vehicle-list__search"
          data-testid="vehicle-search"
          placeholder={t("vehicles.search")}
          aria-label={t("vehicles.search")}
          value={query()}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </header>
      <Switch>
        <Match when={props.loading}>
          <p class="vehicle-list__note muted">{t("vehicles.loading")}</p>
        </Match>
        <Match when={props.vehicles.length === 0}>
          <p class="vehicle-list__note muted">{t("vehicles.empty")}</p>
        </Match>
        <Match when={shown().length === 0}>
          <p class="vehicle-list__note muted">{t("vehicles.noMatch", { query: query().trim() })}</p>
        </Match>
        <Match when={true}>
          <ul class="vehicle-list__rows">
            <For each={shown()}>
              {(vehicle) => (
                <VehicleRow
                  vehicle={vehicle}
                  selected={vehicle.id === props.selectedId}
                  nowMs={props.nowMs}
                  onSelect={() => props.onSelect(vehicle.id)}
                />
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </section>
  )
}
