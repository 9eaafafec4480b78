import { DropdownMenu } from "@kobalte/core/dropdown-menu"
import { A, useNavigate } from "@solidjs/router"
import {
  type Column,
  type ColumnDef,
  createSolidTable,
  flexRender,
  getCoreRowModel,
  type VisibilityState,
} from "@tanstack/solid-table"
import { ArrowDown, ArrowUp, ArrowUpDown, Check, Columns3, Search } from "lucide-solid"
import { createEffect, createMemo, createSignal, For, type JSX, on, onCleanup, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { EmptyState } from "../EmptyState"
import { ErrorState } from "../ErrorState"
import { Spinner } from "../Spinner"
import type { TableUrlState } from "./createTableUrlState"
import { ExportMenu, type ListExport } from "./ExportMenu"
import { Pagination } from "./Pagination"
import { nextSort } from "./tableUrlState"

declare module "@tanstack/solid-table" {
  interface ColumnMeta<TData, TValue> {
    /** The list endpoint's sort key for this column; absent = not sortable. */
    readonly sortKey?: string
    /** CSS width ("12rem", "30%"). */
    readonly width?: string
    /** False for columns the user may not hide (the row's name). */
    readonly hideable?: boolean
    readonly align?: "start" | "end"
    /**
     * Its cells are controls (a row's tick box): a click in them is theirs, not the row's, and the
     * row's link (`rowHref`) goes in another column.
     */
    readonly control?: boolean
  }
}

/** What a list query answers (the contract's `listOf`), and its loading state. */
export interface ListResult<T> {
  readonly data: { readonly items: ReadonlyArray<T>; readonly total: number } | undefined
  readonly isLoading: boolean
  readonly isFetching: boolean
  readonly isError: boolean
  readonly error: unknown
  readonly refetch: () => void
}

export interface DataTableProps<T> {
  /** Prefix of the test ids and of the column picker's label. */
  readonly id: string
  readonly label: string
  readonly columns: ReadonlyArray<ColumnDef<T, unknown>>
  readonly result: ListResult<T>
  readonly url: TableUrlState
  readonly rowId: (row: T) => string
  /**
   * The page a row opens (its record's). The row's name (its first column the user may not hide,
   * else its first) is then a link to it: what the keyboard, a screen reader and "open in new tab"
   * use; a click elsewhere on the row follows it too.
   */
  readonly rowHref?: (row: T) => string
  /** What a click on a row does in the page itself (a dialog, a seek); the row is then focusable. */
  readonly onRowClick?: (row: T) => void
  /** A word marking a row as `data-mark`, which the page's stylesheet draws (a rental's blue edge). */
  readonly rowMark?: (row: T) => string | undefined
  readonly searchPlaceholder?: string
  /** False for a list whose endpoint has no free-text search (`q`): no search box. */
  readonly searchable?: boolean
  /** Filter controls for the toolbar (selects, date ranges), bound to `url.set({ filters })`. */
  readonly filters?: JSX.Element
  readonly empty: { readonly title: string; readonly description?: string; readonly action?: JSX.Element }
  /** The list's export (`<list>/export`): an Export menu in the toolbar, with the list's current query. */
  readonly export?: ListExport
  /** A small table inside another page: no toolbar (its Export menu alone, if any), no paging. */
  readonly compact?: boolean
  /**
   * Shows the page's rows another way (a card grid) instead of the table; the toolbar, the
   * loading, empty and error states and the pagination stay.
   */
  readonly render?: ((rows: ReadonlyArray<T>) => JSX.Element) | undefined
}

const SEARCH_DEBOUNCE_MS = 300

/**
 * The column whose cells hold the rows' links: the rows' name (the first column the user may not
 * hide), else the first shown; never a `control` column.
 */
const linkColumn = <T,>(shown: ReadonlyArray<Column<T, unknown>>): Column<T, unknown> | undefined => {
  const open = shown.filter((c) => c.columnDef.meta?.control !== true)
  return open.find((c) => c.columnDef.meta?.hideable === false) ?? open[0]
}

/** A click on one of these inside a row is theirs, not the row's (a `control` column's cell is one). */
const OWN_CLICK = "a, button, input, select, textarea, label, summary, [role='menuitem'], [data-control]"

/**
 * The list of every page: the server sorts, searches, filters and pages (the table only shows a
 * page); the state lives in the URL; loading, empty and error states
 * are built in. Columns are TanStack column definitions (with a string `header`, made in a memo so
 * they follow the language) whose `meta.sortKey` names the server's sort.
 */
export const DataTable = <T,>(props: DataTableProps<T>) => {
  const { t, format } = useI18n()
  const navigate = useNavigate()
  const state = () => props.url.state()
  const visibility = createMemo<VisibilityState>(() =>
    Object.fromEntries(state().hidden.map((column) => [column, false])),
  )
  const table = createSolidTable<T>({
    get data() {
      return [...(props.result.data?.items ?? [])]
    },
    get columns() {
      return [...props.columns]
    },
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => props.rowId(row),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    state: {
      get columnVisibility() {
        return visibility()
      },
    },
  })

  const [search, setSearch] = createSignal(state().q)
  createEffect(
    on(
      () => state().q,
      (q) => setSearch(q),
      { defer: true },
    ),
  )
  let searchTimer: number | undefined
  const onSearch = (value: string) => {
    setSearch(value)
    window.clearTimeout(searchTimer)
    searchTimer = window.setTimeout(
      () => props.url.set({ q: value.trim() }, { replace: true }),
      SEARCH_DEBOUNCE_MS,
    )
  }
  onCleanup(() => window.clearTimeout(searchTimer))

  let scroller: HTMLDivElement | undefined
  const rows = () => table.getRowModel().rows
  const linkColumnId = createMemo(() => linkColumn(table.getVisibleLeafColumns())?.id)
  /** Follows a click on a row to its record (`rowHref`), unless the click was a control's own. */
  const follow = (row: T, event: MouseEvent, newTab: boolean) => {
    const href = props.rowHref?.(row)
    if (href === undefined || (event.target instanceof Element && event.target.closest(OWN_CLICK))) return
    if (newTab) window.open(href, "_blank", "noopener")
    else navigate(href)
  }
  // A new page starts at its top.
  createEffect(
    on(
      () => [state().page, state().sort, state().q],
      () => scroller?.scrollTo({ top: 0 }),
      { defer: true },
    ),
  )

  const sortIcon = (key: string) => {
    const sort = state().sort
    if (sort === key) return <ArrowUp size={14} aria-hidden="true" />
    if (sort === `-${key}`) return <ArrowDown size={14} aria-hidden="true" />
    return <ArrowUpDown size={14} aria-hidden="true" class="data-table__sort-idle" />
  }
  const ariaSort = (key: string | undefined): "ascending" | "descending" | "none" | undefined => {
    if (key === undefined) return undefined
    const sort = state().sort
    return sort === key ? "ascending" : sort === `-${key}` ? "descending" : "none"
  }

  return (
    <section
      class="data-table"
      classList={{ "data-table--compact": props.compact === true }}
      data-testid={`${props.id}-table`}
    >
      <Show when={!props.compact}>
        <div class="data-table__toolbar">
          <Show when={props.searchable !== false}>
            <label class="search-box">
              <Search size={16} aria-hidden="true" />
              <span class="visually-hidden">{t("table.search")}</span>
              <input
                type="search"
                data-testid={`${props.id}-search`}
                placeholder={props.searchPlaceholder ?? t("table.search")}
                value={search()}
                onInput={(event) => onSearch(event.currentTarget.value)}
              />
            </label>
          </Show>
          {props.filters}
          <div class="data-table__toolbar-end">
            <Show when={props.result.isFetching && !props.result.isLoading}>
              <Spinner label={t("states.loading")} />
            </Show>
            <Show when={props.export}>{(e) => <ExportMenu id={props.id} export={e()} />}</Show>
            <DropdownMenu>
              <DropdownMenu.Trigger class="button button--ghost" data-testid={`${props.id}-columns`}>
                <Columns3 size={16} aria-hidden="true" />
                <span>{t("table.columns")}</span>
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content class="menu">
                  <For each={table.getAllLeafColumns().filter((c) => c.columnDef.meta?.hideable !== false)}>
                    {(column) => (
                      <DropdownMenu.CheckboxItem
                        class="menu__item"
                        checked={column.getIsVisible()}
                        closeOnSelect={false}
                        onChange={(visible) => {
                          const hidden = new Set(state().hidden)
                          if (visible) hidden.delete(column.id)
                          else hidden.add(column.id)
                          props.url.set({ hidden: [...hidden] }, { replace: true })
                        }}
                      >
                        <span class="menu__check">
                          <DropdownMenu.ItemIndicator>
                            <Check size={14} />
                          </DropdownMenu.ItemIndicator>
                        </span>
                        {typeof column.columnDef.header === "string" ? column.columnDef.header : column.id}
                      </DropdownMenu.CheckboxItem>
                    )}
                  </For>
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu>
          </div>
        </div>
      </Show>
      <Show when={props.compact === true && props.export}>
        {(e) => (
          <div class="data-table__toolbar data-table__toolbar--compact">
            <div class="data-table__toolbar-end">
              <ExportMenu id={props.id} export={e()} />
            </div>
          </div>
        )}
      </Show>

      <div class="data-table__scroll" ref={scroller} aria-busy={props.result.isFetching}>
        {props.render?.(rows().map((row) => row.original))}
        <table
          aria-label={props.label}
          aria-rowcount={props.result.data?.total ?? -1}
          hidden={props.render !== undefined}
        >
          <thead>
            <For each={table.getHeaderGroups()}>
              {(group) => (
                <tr>
                  <For each={group.headers}>
                    {(header) => {
                      const meta = () => header.column.columnDef.meta
                      return (
                        <th
                          scope="col"
                          style={{ width: meta()?.width }}
                          classList={{ "align-end": meta()?.align === "end" }}
                          aria-sort={ariaSort(meta()?.sortKey)}
                        >
                          <Show
                            when={props.compact ? undefined : meta()?.sortKey}
                            fallback={
                              header.column.columnDef.header === "" ? (
                                <span class="visually-hidden">{t("table.actions")}</span>
                              ) : (
                                flexRender(header.column.columnDef.header, header.getContext())
                              )
                            }
                          >
                            {(key) => (
                              <button
                                type="button"
                                class="data-table__sort"
                                data-testid={`${props.id}-sort-${key()}`}
                                onClick={() => props.url.set({ sort: nextSort(state().sort, key()) })}
                              >
                                {flexRender(header.column.columnDef.header, header.getContext())}
                                {sortIcon(key())}
                              </button>
                            )}
                          </Show>
                        </th>
                      )
                    }}
                  </For>
                </tr>
              )}
            </For>
          </thead>
          <tbody>
            <Show when={props.result.isLoading}>
              <For each={[0, 1, 2, 3, 4]}>
                {() => (
                  <tr class="data-table__skeleton">
                    <For each={table.getVisibleLeafColumns()}>
                      {() => (
                        <td>
                          <span class="skeleton" />
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </Show>
            <For each={rows()}>
              {(row) => (
                <tr
                  data-testid={`${props.id}-row`}
                  data-id={row.id}
                  data-mark={props.rowMark?.(row.original)}
                  classList={{
                    "data-table__row--link": props.onRowClick !== undefined || props.rowHref !== undefined,
                  }}
                  tabIndex={props.onRowClick ? 0 : undefined}
                  onClick={(event) => {
                    if (props.rowHref) follow(row.original, event, event.ctrlKey || event.metaKey)
                    else props.onRowClick?.(row.original)
                  }}
                  // A middle click anywhere on the row opens its record in a new tab, as on its link.
                  onAuxClick={(event) => {
                    if (event.button === 1) follow(row.original, event, true)
                  }}
                  onKeyDown={(event) => {
                    if (props.onRowClick && (event.key === "Enter" || event.key === " ")) {
                      event.preventDefault()
                      props.onRowClick(row.original)
                    }
                  }}
                >
                  <For each={row.getVisibleCells()}>
                    {(cell) => {
                      const content = () => flexRender(cell.column.columnDef.cell, cell.getContext())
                      const href = () =>
                        cell.column.id === linkColumnId() ? props.rowHref?.(row.original) : undefined
                      return (
                        <td
                          classList={{ "align-end": cell.column.columnDef.meta?.align === "end" }}
                          data-control={cell.column.columnDef.meta?.control === true ? "" : undefined}
                        >
                          <Show when={href()} fallback={content()}>
                            {(to) => (
                              <A
                                href={to()}
                                class="data-table__row-link"
                                data-testid={`${props.id}-row-link`}
                              >
                                {content()}
                              </A>
                            )}
                          </Show>
                        </td>
                      )
                    }}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={props.result.isError}>
          <ErrorState error={props.result.error} retry={props.result.refetch} />
        </Show>
        <Show when={!props.result.isLoading && !props.result.isError && rows().length === 0}>
          <Show
            when={state().q === "" && Object.keys(state().filters).length === 0}
            fallback={
              <EmptyState
                title={t("table.noMatch")}
                action={
                  <button type="button" class="button" onClick={() => props.url.set({ q: "", filters: {} })}>
                    {t("table.clearFilters")}
                  </button>
                }
              />
            }
          >
            <EmptyState {...props.empty} />
          </Show>
        </Show>
      </div>
      <Show when={!props.compact && (props.result.data?.total ?? 0) > 0}>
        <Pagination
          id={props.id}
          page={state().page}
          pageSize={state().pageSize}
          total={props.result.data?.total ?? 0}
          format={format().integer}
          onPage={(page) => props.url.set({ page })}
          onPageSize={(pageSize) => props.url.set({ pageSize })}
        />
      </Show>
    </section>
  )
}
