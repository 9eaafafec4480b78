import * as Dialog from "@kobalte/core/dialog"
import { X } from "lucide-solid"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { ItemDialog } from "../../ui/ItemDialog"
import { auditChanges } from "./auditChanges"
import type { AuditRow } from "./auditColumns"

/** One audit entry: who, when, from where, and each changed field's old and new value. */
export const AuditEntryDialog = (props: {
  readonly entry: AuditRow | null
  readonly onClose: () => void
}) => {
  const { t, format } = useI18n()
  return (
    <ItemDialog item={props.entry} onClose={props.onClose} testId="audit-entry">
      {(entry) => (
        <>
          <div class="dialog__header">
            <Dialog.Title class="dialog__title">
              <code class="code-chip">{entry().action}</code>
            </Dialog.Title>
            <Dialog.CloseButton class="icon-button" aria-label={t("common.close")}>
              <X size={18} />
            </Dialog.CloseButton>
          </div>
          <dl class="facts">
            <dt>{t("audit.at")}</dt>
            <dd>{format().dateTime(Date.parse(entry().at))}</dd>
            <dt>{t("audit.actor")}</dt>
            <dd>{entry().actorEmail ?? t("audit.system")}</dd>
            <dt>{t("audit.entity")}</dt>
            <dd>
              {entry().entity} <span class="mono muted">{entry().entityId ?? ""}</span>
            </dd>
            <dt>{t("audit.ip")}</dt>
            <dd class="mono">{entry().ip ?? "—"}</dd>
            <dt>{t("audit.userAgent")}</dt>
            <dd class="truncate" title={entry().userAgent ?? ""}>
              {entry().userAgent ?? "—"}
            </dd>
          </dl>
          <Show
            when={auditChanges(entry()).length > 0}
            fallback={<p class="muted">{t("audit.noChanges")}</p>}
          >
            <table class="diff-table">
              <thead>
                <tr>
                  <th scope="col">{t("audit.field")}</th>
                  <th scope="col">{t("audit.before")}</th>
                  <th scope="col">{t("audit.after")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={auditChanges(entry())}>
                  {(change) => (
                    <tr>
                      <td class="mono">{change.field}</td>
                      <td class="mono diff-table__old">{change.before}</td>
                      <td class="mono diff-table__new">{change.after}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </>
      )}
    </ItemDialog>
  )
}
