import "../organisations/adminPages.css"
import { Match, Switch } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { ErrorState } from "../../ui/ErrorState"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { OrganisationEditForm } from "../organisations/OrganisationEditForm"
import { createCurrentOrganisationQuery } from "../organisations/organisationQueries"

/** The caller's organisation (admins): its name, description and settings. */
export const OrganisationSettingsPage = () => {
  const { t } = useI18n()
  const query = createCurrentOrganisationQuery()
  return (
    <div class="page page--narrow" data-testid="org-settings">
      <PageHeader title={t("orgSettings.title")} description={t("orgSettings.description")} />
      <Switch>
        <Match when={query.isLoading}>
          <Spinner label={t("states.loading")} />
        </Match>
        <Match when={query.isError}>
          <ErrorState error={query.error} retry={() => void query.refetch()} />
        </Match>
        <Match when={query.data}>
          {(org) => (
            <section class="panel">
              <OrganisationEditForm organisation={org()} scope="own" />
            </section>
          )}
        </Match>
      </Switch>
    </div>
  )
}
