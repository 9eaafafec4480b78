import "../organisations/adminPages.css"
import { endpoints, ROLES, USER_STATUSES } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { UserPlus } from "lucide-solid"
import { createMemo, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { userColumns } from "./userColumns"

const SORTS = ["name", "email", "role", "createdAt", "lastLoginAt"]

/** The organisation's users: search, role and status filters, sort, paging; a row opens the user. */
export const UsersPage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const url = createTableUrlState({ filters: ["role", "status"], sorts: SORTS })
  const result = createListQuery(endpoints.users.list, () => ({ query: listQueryOf(url.state()) }))
  const columns = createMemo(() => userColumns(t, format()))
  const newButton = (testId: string) => (
    <Show when={session.can("users.manage")}>
      <A href="/users/new" class="button button--primary" data-testid={testId}>
        <UserPlus size={16} aria-hidden="true" />
        <span>{t("users.new")}</span>
      </A>
    </Show>
  )

  return (
    <div class="page">
      <PageHeader
        title={t("users.title")}
        description={t("users.description", { organisation: session.user()?.orgName ?? "" })}
        actions={newButton("user-new")}
      />
      <DataTable
        id="users"
        label={t("users.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.users.path, query: () => listQueryOf(url.state()) }}
        rowId={(row) => row.id}
        rowHref={(row) => `/users/${row.id}`}
        searchPlaceholder={t("users.search")}
        empty={{
          title: t("users.empty"),
          description: t("users.emptyText"),
          action: newButton("user-new-empty"),
        }}
        filters={
          <>
            <FilterSelect
              label={t("users.role")}
              testId="users-filter-role"
              value={url.state().filters.role ?? ""}
              all={t("users.roleAll")}
              onChange={(value) => url.setFilter("role", value)}
            >
              <For each={ROLES}>{(role) => <option value={role}>{t(`roles.${role}`)}</option>}</For>
            </FilterSelect>
            <FilterSelect
              label={t("users.status")}
              testId="users-filter-status"
              value={url.state().filters.status ?? ""}
              all={t("users.statusAll")}
              onChange={(value) => url.setFilter("status", value)}
            >
              <For each={USER_STATUSES}>
                {(status) => <option value={status}>{t(`users.status_${status}`)}</option>}
              </For>
            </FilterSelect>
          </>
        }
      />
    </div>
  )
}
