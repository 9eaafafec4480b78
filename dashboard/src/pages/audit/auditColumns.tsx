import type { AuditEntry } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import type { I18n } from "../../i18n/createI18n"

export type AuditRow = (typeof AuditEntry)["Encoded"]

/** The audit log's columns, shared by the audit page and the home page's recent activity. */
export const auditColumns = (
  t: I18n["t"],
  dateTime: (ms: number) => string,
): ReadonlyArray<ColumnDef<AuditRow, unknown>> => [
  {
    id: "at",
    header: t("audit.at"),
    cell: (c) => <time datetime={c.row.original.at}>{dateTime(Date.parse(c.row.original.at))}</time>,
    meta: { sortKey: "at", width: "13rem", hideable: false },
  },
  {
    id: "actor",
    header: t("audit.actor"),
    cell: (c) => c.row.original.actorEmail ?? <span class="muted">{t("audit.system")}</span>,
  },
  {
    id: "action",
    header: t("audit.action"),
    cell: (c) => <code class="code-chip">{c.row.original.action}</code>,
  },
  { id: "entity", header: t("audit.entity"), cell: (c) => c.row.original.entity },
  {
    id: "entityId",
    header: t("audit.entityId"),
    cell: (c) => <span class="mono truncate">{c.row.original.entityId ?? "—"}</span>,
  },
  { id: "ip", header: t("audit.ip"), cell: (c) => <span class="mono">{c.row.original.ip ?? "—"}</span> },
]
