import "../organisations/adminPages.css"
import "./organisationLogo.css"
import { Match, Switch } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { ErrorState } from "../../ui/ErrorState"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { OnboardingSwitches } from "../onboarding/OnboardingSwitches"
import { OrganisationEditForm } from "../organisations/OrganisationEditForm"
import { createCurrentOrganisationQuery } from "../organisations/organisationQueries"
import { OrganisationLogoPanel } from "./OrganisationLogoPanel"

/** The caller's organisation (admins): its name, description and settings, and its logo. */
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
            <>
              <section class="panel">
                <OrganisationEditForm organisation={org()} scope="own" />
              </section>
              <OrganisationLogoPanel name={org().name} logoUrl={org().logoUrl} />
            </>
          )}
        </Match>
      </Switch>
      <OnboardingSwitches />
    </div>
  )
}
