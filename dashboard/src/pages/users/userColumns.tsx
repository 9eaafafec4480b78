import type { ColumnDef } from "@tanstack/solid-table"
import { ShieldCheck } from "lucide-solid"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { UserStatusBadge } from "./UserStatusBadge"
import type { UserView } from "./userForm"

/** The users list's columns; sortable ones name the endpoint's sort keys. */
export const userColumns = (
  t: I18n["t"],
  format: Formatters,
): ReadonlyArray<ColumnDef<UserView, unknown>> => [
  {
    id: "name",
    header: t("users.name"),
    cell: (c) => <strong data-testid="user-row-name">{c.row.original.name}</strong>,
    meta: { sortKey: "name", hideable: false },
  },
  {
    id: "email",
    header: t("users.email"),
    cell: (c) => (
      <span class="truncate" data-testid="user-row-email">
        {c.row.original.email}
      </span>
    ),
    meta: { sortKey: "email" },
  },
  {
    id: "role",
    header: t("users.role"),
    cell: (c) => t(`roles.${c.row.original.role}`),
    meta: { sortKey: "role", width: "10rem" },
  },
  {
    id: "status",
    header: t("users.status"),
    cell: (c) => <UserStatusBadge status={c.row.original.status} />,
    meta: { width: "9rem" },
  },
  {
    id: "lastLoginAt",
    header: t("users.lastLogin"),
    cell: (c) => {
      const at = c.row.original.lastLoginAt
      return at === null ? (
        <span class="muted">{t("users.never")}</span>
      ) : (
        <time datetime={at}>{format.dateTime(Date.parse(at))}</time>
      )
    },
    meta: { sortKey: "lastLoginAt", width: "13rem" },
  },
  {
    id: "totp",
    header: t("users.twoFactor"),
    cell: (c) =>
      c.row.original.totpEnabled ? (
        <span class="icon-label">
          <ShieldCheck size={14} aria-hidden="true" />
          {t("users.on")}
        </span>
      ) : (
        <span class="muted">{t("users.off")}</span>
      ),
    meta: { width: "6rem" },
  },
]
