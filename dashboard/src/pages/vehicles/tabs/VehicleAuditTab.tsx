import { type AuditEntry, endpoints } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { createListQuery } from "../../../api/createListQuery"
import { useI18n } from "../../../i18n/I18nContext"
import { listResultOf } from "../../../ui/table/listResultOf"
import type { VehicleTabProps } from "../vehicleTabs"
import { TabTable } from "./TabTable"

type Entry = (typeof AuditEntry)["Encoded"]

/** "field: old → new" for each field an entry changed. */
const changes = (entry: Entry): string => {
  const after = (entry.newValues ?? {}) as Record<string, unknown>
  const before = (entry.oldValues ?? {}) as Record<string, unknown>
  const keys = Object.keys(entry.newValues === null ? before : after)
  const show = (v: unknown) =>
    v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v)
  return keys
    .slice(0, 8)
    .map((k) =>
      k in before && entry.newValues !== null
        ? `${k}: ${show(before[k])} → ${show(after[k])}`
        : `${k}: ${show(after[k] ?? before[k])}`,
    )
    .join("; ")
}

/** Every change of this vehicle, newest first, with the fields it changed. */
export const VehicleAuditTab = (props: VehicleTabProps) => {
  const { t, format } = useI18n()
  const result = createListQuery(endpoints.audit.list, () => ({
    query: { entity: "vehicle", entityId: props.vehicle.id, pageSize: "100" },
  }))
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Entry, unknown>> => [
      {
        id: "at",
        header: t("fleet.auditAt"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.at)),
        meta: { width: "12rem" },
      },
      { id: "who", header: t("fleet.auditWho"), cell: (c) => c.row.original.actorEmail ?? t("fleet.system") },
      { id: "action", header: t("fleet.auditAction"), cell: (c) => <code>{c.row.original.action}</code> },
      {
        id: "changes",
        header: t("fleet.auditChanges"),
        cell: (c) => <span class="vehicle-audit__changes">{changes(c.row.original)}</span>,
      },
    ],
  )
  return (
    <section class="panel">
      <TabTable
        id="vehicle-audit"
        label={t("fleet.tabAudit")}
        columns={columns()}
        result={listResultOf(result)}
        rowId={(r) => r.id}
        empty={t("fleet.auditEmpty")}
        export={{
          path: endpoints.listExports.audit.path,
          query: () => ({ entity: "vehicle", entityId: props.vehicle.id }),
        }}
      />
    </section>
  )
}
