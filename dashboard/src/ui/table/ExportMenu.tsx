import { EXPORT_FORMATS } from "@fleetcore/contract"
import { DropdownMenu } from "@kobalte/core/dropdown-menu"
import { Download } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { downloadExport } from "../../pages/reports/downloadExport"
import { showToast } from "../toast"

/** What a list exports: its `<list>/export` path and the list's current query (filters, sort, q). */
export interface ListExport {
  readonly path: string
  readonly query: () => Record<string, string>
  /** An export asked by POST (the analysts' SQL): its JSON body besides the format. */
  readonly body?: () => Record<string, unknown>
}

/**
 * Export the list as it is filtered and sorted now, every page of it, to CSV, XLSX or PDF (for a
 * caller with `reports.export`); the server writes the rows the list would show.
 */
export const ExportMenu = (props: { readonly id: string; readonly export: ListExport }) => {
  const { t } = useI18n()
  const api = useApi()
  const session = useSession()
  const [busy, setBusy] = createSignal(false)
  const run = async (format: (typeof EXPORT_FORMATS)[number]) => {
    setBusy(true)
    try {
      const { page: _page, pageSize: _size, ...query } = props.export.query()
      const body = props.export.body
      const name =
        body === undefined
          ? await downloadExport(
              `${props.export.path}?${new URLSearchParams({ ...query, format })}`,
              api.refresh,
            )
          : await downloadExport(props.export.path, api.refresh, { ...body(), format })
      showToast("success", t("reportSchedules.exported", { name }))
    } catch (error) {
      showToast("error", t("reportSchedules.exportFailed"), errorMessage(t, error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Show when={session.can("reports.export")}>
      <DropdownMenu>
        <DropdownMenu.Trigger
          class="button button--ghost"
          data-testid={`${props.id}-export`}
          disabled={busy()}
          aria-busy={busy()}
        >
          <Download size={16} aria-hidden="true" />
          <span>{t("reportSchedules.export")}</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="menu">
            <For each={EXPORT_FORMATS}>
              {(format) => (
                <DropdownMenu.Item
                  class="menu__item"
                  data-testid={`${props.id}-export-${format}`}
                  onSelect={() => void run(format)}
                >
                  {t("reportSchedules.exportAs", { format: format.toUpperCase() })}
                </DropdownMenu.Item>
              )}
            </For>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu>
    </Show>
  )
}
