import "../organisations/adminPages.css"
import "../contracts/records.css"
import "./notifications.css"
import { endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { Match, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { ErrorState } from "../../ui/ErrorState"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { ChannelSettingsForm } from "./ChannelSettingsForm"
import { WebhooksSection } from "./WebhooksSection"

/** Admins: the organisation's e-mail, Telegram and webhook channels, and the webhooks' delivery logs. */
export const NotificationChannelsPage = () => {
  const { t } = useI18n()
  const api = useApi()
  const settings = useQuery(() => ({
    queryKey: [endpoints.notifications.settings.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.notifications.settings, {}, signal),
  }))
  return (
    <div class="page" data-testid="notification-channels-page">
      <PageHeader
        title={t("notifications.channelsTitle")}
        description={t("notifications.channelsDescription")}
      />
      <div class="channel-grid">
        <Switch>
          <Match when={settings.isLoading}>
            <Spinner label={t("states.loading")} />
          </Match>
          <Match when={settings.isError}>
            <ErrorState error={settings.error} retry={() => void settings.refetch()} />
          </Match>
          <Match when={settings.data}>
            {(s) => (
              <section class="panel">
                <ChannelSettingsForm initial={s()} />
              </section>
            )}
          </Match>
        </Switch>
        <WebhooksSection />
      </div>
    </div>
  )
}
