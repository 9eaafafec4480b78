import { endpoints } from "@fleetcore/contract"
import { createMemo, createSignal, For } from "solid-js"
import { createAllPagesQuery } from "../../api/createAllPagesQuery"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { dayStartIso } from "../../i18n/timeZone"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { AuditEntryDialog } from "./AuditEntryDialog"
import { type AuditRow, auditColumns } from "./auditColumns"

const FILTERS = ["user", "action", "entity", "from", "to"]

/** The organisation's audit log: who changed what, when and from where; newest first. */
export const AuditPage = () => {
  const { t, format, zone } = useI18n()
  const url = createTableUrlState({ filters: FILTERS, sorts: ["at"] })
  const [open, setOpen] = createSignal<AuditRow | null>(null)
  const query = () => {
    const { from, to, ...rest } = listQueryOf(url.state())
    const fromIso = from === undefined ? undefined : dayStartIso(from, zone())
    const toIso = to === undefined ? undefined : dayStartIso(to, zone(), 1)
    return { ...rest, ...(fromIso ? { from: fromIso } : {}), ...(toIso ? { to: toIso } : {}) }
  }
  const result = createListQuery(endpoints.audit.list, () => ({ query: query() }))
  // Who may read the audit may read the users (admins, the owner): the "who" filter lists them.
  const users = createAllPagesQuery(endpoints.users.list, () => ({ query: { sort: "name" } }))
  const columns = createMemo(() => auditColumns(t, format().dateTime))

  return (
    <div class="page">
      <PageHeader title={t("audit.title")} description={t("audit.description")} />
      <DataTable
        id="audit"
        label={t("audit.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.audit.path, query }}
        rowId={(row) => row.id}
        onRowClick={setOpen}
        searchPlaceholder={t("audit.search")}
        empty={{ title: t("audit.empty") }}
        filters={
          <>
            <label class="filter">
              <span>{t("audit.actor")}</span>
              <select
                class="input"
                data-testid="audit-filter-user"
                value={url.state().filters.user ?? ""}
                onChange={(event) => url.setFilter("user", event.currentTarget.value)}
              >
                <option value="">{t("audit.anyone")}</option>
                <For each={users.data?.items ?? []}>
                  {(user) => <option value={user.id}>{`${user.name} · ${user.email}`}</option>}
                </For>
              </select>
            </label>
            <label class="filter">
              <span>{t("audit.action")}</span>
              <input
                class="input"
                type="text"
                data-testid="audit-filter-action"
                value={url.state().filters.action ?? ""}
                placeholder="user.update"
                onChange={(event) => url.setFilter("action", event.currentTarget.value.trim().toLowerCase())}
              />
            </label>
            <label class="filter">
              <span>{t("audit.entity")}</span>
              <input
                class="input"
                type="text"
                data-testid="audit-filter-entity"
                value={url.state().filters.entity ?? ""}
                placeholder="user"
                onChange={(event) => url.setFilter("entity", event.currentTarget.value.trim().toLowerCase())}
              />
            </label>
            <label class="filter">
              <span>{t("audit.from")}</span>
              <input
                class="input"
                type="date"
                value={url.state().filters.from ?? ""}
                onChange={(event) => url.setFilter("from", event.currentTarget.value)}
              />
            </label>
            <label class="filter">
              <span>{t("audit.to")}</span>
              <input
                class="input"
                type="date"
                value={url.state().filters.to ?? ""}
                onChange={(event) => url.setFilter("to", event.currentTarget.value)}
              />
            </label>
          </>
        }
      />
      <AuditEntryDialog entry={open()} onClose={() => setOpen(null)} />
    </div>
  )
}
