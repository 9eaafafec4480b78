import { createVirtualizer } from "@tanstack/solid-virtual"
import { createMemo, createSignal, For, Match, Show, Switch } from "solid-js"
import type { LiveMapSnapshot, VehicleId } from "../api/types"
import { useI18n } from "../i18n/I18nContext"
import { VehicleRow, type VehicleRowData } from "./VehicleRow"
import type { VehicleStatus } from "./vehicleStatus"

export interface VehicleListProps {
  readonly snapshot: LiveMapSnapshot | undefined
  /** Each snapshot vehicle's status now, by index. */
  readonly statuses: ReadonlyArray<VehicleStatus>
  /** Only vehicles in this status, or all. */
  readonly status: VehicleStatus | null
  readonly loading: boolean
  readonly selectedId: VehicleId | null
  readonly nowMs: number
  readonly onSelect: (id: VehicleId) => void
}

/** A row's height with its gap (CSS `.vehicle-list__row`): rows are measured, this is the first guess. */
const ROW_PX = 62

/**
 * The searchable list of vehicles, sorted by name in the reader's language and virtualised: only
 * the rows in view (plus a few) exist in the page, so 10,000 vehicles scroll like 20. The order is
 * recomputed when names, language or search change, not on live updates.
 */
export const VehicleList = (props: VehicleListProps) => {
  const { t, locale, format } = useI18n()
  const [query, setQuery] = createSignal("")
  const collator = createMemo(() => new Intl.Collator(locale(), { numeric: true, sensitivity: "base" }))
  const names = () => props.snapshot?.names ?? []
  const plates = () => props.snapshot?.plates ?? []

  const ordered = createMemo(() => {
    const all = names()
    const plate = plates()
    const q = query().trim().toLocaleLowerCase(locale())
    const compact = q.replaceAll(" ", "")
    const indices: number[] = []
    for (let i = 0; i < all.length; i += 1) {
      if (
        q === "" ||
        (all[i] ?? "").toLocaleLowerCase(locale()).includes(q) ||
        (plate[i] ?? "").toLocaleLowerCase(locale()).replaceAll(" ", "").includes(compact)
      )
        indices.push(i)
    }
    const compare = collator().compare
    return indices.sort((a, b) => compare(all[a] ?? "", all[b] ?? ""))
  })
  const shown = createMemo(() => {
    const status = props.status
    const statuses = props.statuses
    return status === null ? ordered() : ordered().filter((i) => statuses[i] === status)
  })

  const rowAt = (i: number): VehicleRowData | undefined => {
    const s = props.snapshot
    const id = s?.ids[i]
    if (s === undefined || id === undefined) return undefined
    return {
      id,
      name: s.names[i] ?? "",
      plate: s.plates[i] ?? null,
      status: props.statuses[i] ?? "unknown",
      speedMps: s.speedMps[i] ?? null,
      timeMs: s.timeMs[i] ?? null,
    }
  }

  let scroller!: HTMLDivElement
  const virtualizer = createVirtualizer({
    get count() {
      return shown().length
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_PX,
    overscan: 8,
  })

  return (
    <section class="vehicle-list" aria-labelledby="vehicle-list-title">
      <header class="vehicle-list__header">
        <h2 id="vehicle-list-title">
          {t("vehicles.title")}{" "}
          <span class="badge" data-testid="vehicle-count">
            {format().integer(shown().length)}
          </span>
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
        <Match when={names().length === 0}>
          <p class="vehicle-list__note muted">{t("vehicles.empty")}</p>
        </Match>
        <Match when={shown().length === 0}>
          <p class="vehicle-list__note muted">{t("vehicles.noMatch", { query: query().trim() })}</p>
        </Match>
      </Switch>
      <div
        class="vehicle-list__scroll"
        ref={scroller}
        data-testid="vehicle-list-scroll"
        hidden={shown().length === 0}
      >
        <ul class="vehicle-list__rows" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          <For each={virtualizer.getVirtualItems()}>
            {(item) => {
              const row = () => rowAt(shown()[item.index] ?? -1)
              return (
                <li
                  class="vehicle-list__row"
                  data-index={item.index}
                  ref={(el) => queueMicrotask(() => virtualizer.measureElement(el))}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <Show when={row()}>
                    {(r) => (
                      <VehicleRow
                        vehicle={r()}
                        selected={r().id === props.selectedId}
                        nowMs={props.nowMs}
                        onSelect={() => props.onSelect(r().id)}
                      />
                    )}
                  </Show>
                </li>
              )
            }}
          </For>
        </ul>
      </div>
    </section>
  )
}
