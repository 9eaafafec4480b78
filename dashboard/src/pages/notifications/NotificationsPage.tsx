import "./notifications.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { CheckCheck, SlidersHorizontal } from "lucide-solid"
import { createMemo } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { errorMessage } from "../../api/errorMessage"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { showToast } from "../../ui/toast"
import { type NotificationView, notificationColumns } from "./notificationColumns"
import { invalidateNotifications } from "./notificationQueries"

/** My notifications: unread first, filters by status and severity; a row opens what it is about. */
export const NotificationsPage = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const url = createTableUrlState({ filters: ["unread", "severity"], sorts: ["createdAt"] })
  const result = createListQuery(endpoints.notifications.list, () => ({ query: listQueryOf(url.state()) }))
  const fail = (error: unknown) => showToast("error", errorMessage(t, error))
  const markRead = async (n: NotificationView) => {
    if (n.readAt !== null) return
    await api.call(endpoints.notifications.markRead, { params: { id: n.id } }).catch(fail)
    await invalidateNotifications(queryClient)
  }
  const columns = createMemo(() => notificationColumns(t, format(), (n) => void markRead(n)))
  const markAll = async () => {
    await api
      .call(endpoints.notifications.markAllRead, {})
      .then(() => showToast("success", t("notifications.markedAllRead")))
      .catch(fail)
    await invalidateNotifications(queryClient)
  }

  return (
    <div class="page" data-testid="notifications-page">
      <PageHeader
        title={t("notifications.title")}
        description={t("notifications.description")}
        actions={
          <>
            <A href="/notifications/preferences" class="button" data-testid="notification-preferences">
              <SlidersHorizontal size={16} aria-hidden="true" />
              <span>{t("notifications.preferences")}</span>
            </A>
            <button
              type="button"
              class="button button--primary"
              data-testid="notifications-mark-all"
              onClick={() => void markAll()}
            >
              <CheckCheck size={16} aria-hidden="true" />
              <span>{t("notifications.markAllRead")}</span>
            </button>
          </>
        }
      />
      <DataTable
        id="notifications"
        label={t("notifications.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        export={{ path: endpoints.listExports.notifications.path, query: () => listQueryOf(url.state()) }}
        onRowClick={(row) => {
          void markRead(row)
          if (row.link !== null) navigate(row.link)
        }}
        searchPlaceholder={t("notifications.search")}
        empty={{ title: t("notifications.empty"), description: t("notifications.emptyText") }}
        filters={
          <>
            <FilterSelect
              label={t("notifications.status")}
              testId="notifications-filter-unread"
              value={url.state().filters.unread ?? ""}
              all={t("notifications.statusAll")}
              onChange={(value) => url.setFilter("unread", value)}
            >
              <option value="true">{t("notifications.unread")}</option>
              <option value="false">{t("notifications.read")}</option>
            </FilterSelect>
            <FilterSelect
              label={t("notifications.severity")}
              testId="notifications-filter-severity"
              value={url.state().filters.severity ?? ""}
              all={t("notifications.severityAll")}
              onChange={(value) => url.setFilter("severity", value)}
            >
              <option value="critical">{t("notifications.severity_critical")}</option>
              <option value="warning">{t("notifications.severity_warning")}</option>
              <option value="info">{t("notifications.severity_info")}</option>
            </FilterSelect>
          </>
        }
      />
    </div>
  )
}
