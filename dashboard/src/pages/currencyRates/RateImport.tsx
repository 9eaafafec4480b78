import { endpoints, type RateImportError } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Upload } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { FormError } from "../../ui/form/FormError"
import { showToast } from "../../ui/toast"

type Report = {
  readonly imported: number
  readonly replaced: number
  readonly errors: ReadonlyArray<(typeof RateImportError)["Encoded"]>
}

/** CSV import of rates (date, currency, rate): pasted or read from a file, with a per-row report. */
export const RateImport = (props: { readonly onImported: () => Promise<unknown> }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [csv, setCsv] = createSignal("")
  const [busy, setBusy] = createSignal(false)
  const [report, setReport] = createSignal<Report | null>(null)
  const [error, setError] = createSignal<unknown>()
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (csv().trim() === "") return
    setBusy(true)
    setError(undefined)
    try {
      const answer = await api.call(endpoints.currencyRates.import, { body: { csv: csv() } })
      setReport(answer)
      await props.onImported()
      await queryClient.invalidateQueries({ queryKey: [endpoints.expenses.list.id] })
      showToast(
        answer.errors.length === 0 ? "success" : "info",
        t("expenses.rates.imported", {
          imported: String(answer.imported),
          replaced: String(answer.replaced),
        }),
      )
    } catch (e) {
      setError(() => e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="panel form rates-import" onSubmit={(e) => void submit(e)} data-testid="rates-import">
      <h2>{t("expenses.rates.importTitle")}</h2>
      <p class="muted">{t("expenses.rates.importHint")}</p>
      <input
        type="file"
        aria-label={t("expenses.rates.importTitle")}
        accept=".csv,text/csv,text/plain"
        data-testid="rates-import-file"
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0]
          if (file !== undefined) setCsv(await file.text())
        }}
      />
      <textarea
        class="input"
        rows={5}
        placeholder={"date,currency,rate\n2026-03-01,USD,512.35"}
        data-testid="rates-import-text"
        value={csv()}
        onInput={(e) => setCsv(e.currentTarget.value)}
      />
      <FormError error={error()} />
      <Show when={report()}>
        {(r) => (
          <div data-testid="rates-import-report">
            <p>
              {t("expenses.rates.imported", {
                imported: String(r().imported),
                replaced: String(r().replaced),
              })}
            </p>
            <Show when={r().errors.length > 0}>
              <p>{t("expenses.rates.refused", { count: String(r().errors.length) })}</p>
              <ul class="rates-report">
                <For each={r().errors}>
                  {(e) => (
                    <li data-testid="rates-import-error">
                      {t("expenses.rates.line", { line: String(e.line) })}
                      {e.field === null ? "" : ` (${e.field})`}: {e.message}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
      <div class="form__actions">
        <button
          type="submit"
          class="button button--primary"
          disabled={busy()}
          data-testid="rates-import-submit"
        >
          <Upload size={16} aria-hidden="true" />
          <span>{busy() ? t("expenses.rates.importing") : t("expenses.rates.import")}</span>
        </button>
      </div>
    </form>
  )
}
