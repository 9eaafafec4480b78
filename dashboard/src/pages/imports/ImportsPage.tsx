import "./imports.css"
import { endpoints, IMPORT_KINDS, type ImportKind } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Download, FileCheck2, Upload } from "lucide-solid"
import { createMemo, createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { FormError } from "../../ui/form/FormError"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { type Report, sendCsv } from "./sendCsv"

const PERMISSION = {
  vehicles: "vehicles.manage",
  drivers: "drivers.manage",
  "odometer-readings": "odometer.record",
} as const

/** What each import changes in the dashboard's cache. */
const LISTS: Readonly<Record<ImportKind, ReadonlyArray<string>>> = {
  vehicles: [endpoints.vehicles.list.id],
  drivers: [endpoints.drivers.list.id],
  "odometer-readings": [endpoints.vehicles.list.id, endpoints.odometer.list.id],
}

/**
 * CSV imports: choose the kind, download its template, pick or drop a file, check it (a dry run:
 * the report of every row, nothing stored), then import (valid rows stored, refused ones reported).
 */
export const ImportsPage = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const kinds = createMemo(() => IMPORT_KINDS.filter((k) => session.can(PERMISSION[k])))
  const [kind, setKind] = createSignal<ImportKind>("vehicles")
  const [file, setFile] = createSignal<File | null>(null)
  const [dragging, setDragging] = createSignal(false)
  const [busy, setBusy] = createSignal<"check" | "import" | null>(null)
  const [report, setReport] = createSignal<Report | null>(null)
  const [errorsOnly, setErrorsOnly] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const current = () => (kinds().includes(kind()) ? kind() : (kinds()[0] ?? "vehicles"))
  const choose = (f: File | undefined) => {
    setFile(f ?? null)
    setReport(null)
    setError(undefined)
  }
  const shown = () => (report()?.rows ?? []).filter((r) => !errorsOnly() || r.status === "refused")

  const run = async (dryRun: boolean) => {
    const f = file()
    if (f === null) return
    setBusy(dryRun ? "check" : "import")
    setError(undefined)
    try {
      const answer = await sendCsv(current(), f, dryRun, api.refresh)
      setReport(answer)
      setErrorsOnly(answer.refused > 0)
      const counts = {
        created: String(answer.created),
        updated: String(answer.updated),
        refused: String(answer.refused),
      }
      if (!dryRun) {
        for (const id of LISTS[current()]) await queryClient.invalidateQueries({ queryKey: [id] })
        showToast(answer.refused === 0 ? "success" : "info", t("imports.imported", counts))
      }
    } catch (e) {
      setError(() => e)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div class="page">
      <PageHeader title={t("imports.title")} description={t("imports.description")} />
      <div class="imports-layout">
        <section class="panel form">
          <label class="filter">
            <span>{t("imports.kind")}</span>
            <select
              class="input"
              data-testid="imports-kind"
              value={current()}
              onChange={(e) => {
                setKind(e.currentTarget.value as ImportKind)
                setReport(null)
              }}
            >
              <For each={kinds()}>{(k) => <option value={k}>{t(`imports.kind_${k}`)}</option>}</For>
            </select>
          </label>
          <p class="muted">{t("imports.templateHint")}</p>
          <div>
            <a
              class="button"
              href={`/api/v1/imports/${current()}/template`}
              download={`fleetcore-${current()}.csv`}
              data-testid="imports-template"
            >
              <Download size={16} aria-hidden="true" />
              <span>{t("imports.template")}</span>
            </a>
          </div>
          <section
            class="imports-drop"
            aria-label={t("imports.dropTitle")}
            classList={{ "imports-drop--active": dragging() }}
            data-testid="imports-drop"
            onDragOver={(e) => {
              e.preventDefault()
              setDragging(true)
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault()
              setDragging(false)
              choose(e.dataTransfer?.files[0])
            }}
          >
            <p>
              <strong>{t("imports.dropTitle")}</strong> {t("imports.dropOr")}{" "}
              <label class="link-button">
                {t("imports.choose")}
                <input
                  type="file"
                  class="visually-hidden"
                  accept=".csv,text/csv"
                  data-testid="imports-file"
                  onChange={(e) => choose(e.currentTarget.files?.[0])}
                />
              </label>
            </p>
            <Show when={file()}>
              {(f) => (
                <p data-testid="imports-file-name">
                  {t("imports.chosen", { name: f().name, size: format().fileSize(f().size) })}
                </p>
              )}
            </Show>
          </section>
          <FormError error={error()} />
          <div class="form__actions">
            <button
              type="button"
              class="button"
              disabled={file() === null || busy() !== null}
              data-testid="imports-check"
              onClick={() => void run(true)}
            >
              <FileCheck2 size={16} aria-hidden="true" />
              <span>{busy() === "check" ? t("imports.checking") : t("imports.check")}</span>
            </button>
            <button
              type="button"
              class="button button--primary"
              disabled={file() === null || busy() !== null}
              data-testid="imports-import"
              onClick={() => void run(false)}
            >
              <Upload size={16} aria-hidden="true" />
              <span>{busy() === "import" ? t("imports.importing") : t("imports.import")}</span>
            </button>
          </div>
        </section>
        <Show when={report()}>
          {(r) => (
            <section class="panel imports-report" data-testid="imports-report">
              <div class="imports-report__head">
                <strong data-testid="imports-summary">
                  {t(r().dryRun ? "imports.checked" : "imports.imported", {
                    created: String(r().created),
                    updated: String(r().updated),
                    refused: String(r().refused),
                  })}
                </strong>
                <label>
                  <input
                    type="checkbox"
                    checked={errorsOnly()}
                    data-testid="imports-errors-only"
                    onChange={(e) => setErrorsOnly(e.currentTarget.checked)}
                  />{" "}
                  {t("imports.errorsOnly")}
                </label>
              </div>
              <Show when={shown().length > 0} fallback={<p class="muted">{t("imports.noErrors")}</p>}>
                <table>
                  <thead>
                    <tr>
                      <th>{t("imports.row")}</th>
                      <th>{t("imports.status")}</th>
                      <th>{t("imports.field")}</th>
                      <th>{t("imports.message")}</th>
                      <th>{t("imports.code")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={shown()}>
                      {(row) => (
                        <tr
                          classList={{ "imports-row--refused": row.status === "refused" }}
                          data-testid="imports-row"
                        >
                          <td>{format().integer(row.row)}</td>
                          <td>
                            <span
                              class={
                                row.status === "refused" ? "badge badge--warning" : "badge badge--success"
                              }
                            >
                              {t(`imports.status_${row.status}`)}
                            </span>
                          </td>
                          <td>{row.field ?? ""}</td>
                          <td>{row.message ?? ""}</td>
                          <td>
                            <Show when={row.code}>{(code) => <span class="code-chip">{code()}</span>}</Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </section>
          )}
        </Show>
      </div>
    </div>
  )
}
