import { EXPORT_FORMATS } from "@fleetcore/contract"
import { Download } from "lucide-solid"
import { createSignal, For } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { showToast } from "../../ui/toast"
import { downloadExport } from "./downloadExport"
import type { ReportName } from "./reportQuery"

/** Export CSV / XLSX / PDF: the same period and filters as the page, downloaded as a named file. */
export const ExportButtons = (props: {
  readonly report: ReportName
  readonly query: Record<string, string>
}) => {
  const { t } = useI18n()
  const api = useApi()
  const [busy, setBusy] = createSignal<string | null>(null)
  const run = async (format: (typeof EXPORT_FORMATS)[number]) => {
    setBusy(format)
    try {
      const params = new URLSearchParams({ ...props.query, format })
      const name = await downloadExport(`/api/v1/reports/${props.report}/export?${params}`, api.refresh)
      showToast("success", t("reports.exported", { name }))
    } catch (error) {
      showToast("error", t("reports.exportFailed"), error instanceof Error ? error.message : undefined)
    } finally {
      setBusy(null)
    }
  }
  return (
    <div class="report-exports">
      <For each={EXPORT_FORMATS}>
        {(format) => (
          <button
            type="button"
            class="button"
            data-testid={`report-export-${format}`}
            disabled={busy() !== null}
            aria-busy={busy() === format}
            onClick={() => void run(format)}
          >
            <Download size={16} aria-hidden="true" />
            <span>{t("reports.exportAs", { format: format.toUpperCase() })}</span>
          </button>
        )}
      </For>
    </div>
  )
}
