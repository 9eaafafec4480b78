import { Show } from "solid-js"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { CentreVisitsSection } from "../vehicleAccess/CentreVisitsSection"
import { CentreGrants } from "./CentreGrants"
import { CentreProfile } from "./CentreProfile"
import "../vehicleAccess/vehicleAccess.css"

/**
 * A service centre's home (issue 16): its verification (the owner's), the vehicles fleets gave it
 * access to (a visit opens from there), and its visits, the open ones first.
 */
export const CentrePage = () => {
  const { t } = useI18n()
  const session = useSession()
  return (
    <div class="page vehicle-access" data-testid="centre-page">
      <PageHeader title={t("centre.title")} description={t("centre.description")} />
      <Show when={session.can("centres.manage")}>
        <CentreProfile />
      </Show>
      <CentreGrants />
      <CentreVisitsSection
        title={t("centre.visits")}
        empty={t("centre.visitsEmpty")}
        initialStatus="open"
        showCentre={false}
      />
    </div>
  )
}
