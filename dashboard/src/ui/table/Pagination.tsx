import { ChevronLeft, ChevronRight } from "lucide-solid"
import { For } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { PAGE_SIZES, pageCount } from "./tableUrlState"

/** "1–50 of 1,234", the page size, previous and next. */
export const Pagination = (props: {
  readonly id: string
  readonly page: number
  readonly pageSize: number
  readonly total: number
  readonly format: (n: number) => string
  readonly onPage: (page: number) => void
  readonly onPageSize: (size: number) => void
}) => {
  const { t } = useI18n()
  const pages = () => pageCount(props.total, props.pageSize)
  const from = () => Math.min(props.total, (props.page - 1) * props.pageSize + 1)
  const to = () => Math.min(props.total, props.page * props.pageSize)
  return (
    <nav class="pagination" aria-label={t("table.pagination")}>
      <span class="muted" data-testid={`${props.id}-range`}>
        {t("table.range", {
          from: props.format(from()),
          to: props.format(to()),
          total: props.format(props.total),
        })}
      </span>
      <label class="pagination__size">
        <span>{t("table.pageSize")}</span>
        <select
          class="select"
          value={String(props.pageSize)}
          onChange={(event) => props.onPageSize(Number(event.currentTarget.value))}
        >
          <For each={PAGE_SIZES}>{(size) => <option value={String(size)}>{size}</option>}</For>
        </select>
      </label>
      <span class="muted">
        {t("table.page", { page: props.format(props.page), pages: props.format(pages()) })}
      </span>
      <button
        type="button"
        class="button button--icon"
        aria-label={t("table.previous")}
        data-testid={`${props.id}-previous`}
        disabled={props.page <= 1}
        onClick={() => props.onPage(props.page - 1)}
      >
        <ChevronLeft size={16} />
      </button>
      <button
        type="button"
        class="button button--icon"
        aria-label={t("table.next")}
        data-testid={`${props.id}-next`}
        disabled={props.page >= pages()}
        onClick={() => props.onPage(props.page + 1)}
      >
        <ChevronRight size={16} />
      </button>
    </nav>
  )
}
