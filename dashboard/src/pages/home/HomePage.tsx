import { isCentreRole, isConfinedToAssignedVehicles } from "@fleetcore/contract"
import { Match, Show, Switch } from "solid-js"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ErrorState } from "../../ui/ErrorState"
import { PageHeader } from "../../ui/PageHeader"
import { Spinner } from "../../ui/Spinner"
import { CentrePage } from "../centre/CentrePage"
import { ExpiringContractsCard } from "../contracts/ExpiringContractsCard"
import { DriverPortalPage } from "../driver/DriverPortalPage"
import { AttentionCard } from "./AttentionCard"
import { ExpensesCard } from "./ExpensesCard"
import { ExpiringDocumentsCard } from "./ExpiringDocumentsCard"
import { FleetStatusCard } from "./FleetStatusCard"
import { FuelAnomalyBanner } from "./FuelAnomalyBanner"
import { createHomeQuery } from "./homeQueries"
import { MileageLeadersCard } from "./MileageLeadersCard"
import { OperationsCard } from "./OperationsCard"
import { RecentActivityCard } from "./RecentActivityCard"
import "./home.css"

/** The organisation's widgets, each shown only when the server answered it (the role may read it). */
const OrganisationHome = () => {
  const { t } = useI18n()
  const session = useSession()
  const home = createHomeQuery()
  return (
    <Show when={!home.isError} fallback={<ErrorState error={home.error} retry={() => void home.refetch()} />}>
      <Show when={home.data} fallback={<Spinner label={t("states.loading")} />}>
        {(data) => (
          <div class="home-grid">
            <Show when={data().fuelAnomalies}>{(f) => <FuelAnomalyBanner unchecked={f().unchecked} />}</Show>
            <Show when={data().fleet}>{(fleet) => <FleetStatusCard fleet={fleet()} />}</Show>
            <Show when={data().operations}>{(o) => <OperationsCard operations={o()} />}</Show>
            <Show when={data().attention}>{(a) => <AttentionCard attention={a()} />}</Show>
            <div class="home-pair">
              <Show when={data().documents}>{(d) => <ExpiringDocumentsCard documents={d()} />}</Show>
              <Show when={session.can("contracts.read")}>
                <ExpiringContractsCard />
              </Show>
            </div>
            <Show when={data().expenses}>{(e) => <ExpensesCard expenses={e()} />}</Show>
            <Show when={data().mileage}>{(m) => <MileageLeadersCard mileage={m()} />}</Show>
            <Show when={data().activity}>{(a) => <RecentActivityCard activity={a()} />}</Show>
          </div>
        )}
      </Show>
    </Show>
  )
}

/**
 * The home page (seed 000 §8): role-aware widgets from `GET /api/v1/home`, each linking to its
 * filtered list. A driver's home is their own portal (seed 003 "driver/my-vehicle", also at /driver);
 * a service centre's people's is their centre's page (also at /centre).
 */
export const HomePage = () => {
  const { t } = useI18n()
  const session = useSession()
  return (
    <Show when={session.user()}>
      {(user) => (
        <Switch
          fallback={
            <div class="page" data-testid="home">
              <PageHeader
                title={t("home.greeting", { name: user().name || user().email })}
                description={`${user().orgName} · ${t(`roles.${user().role}`)}`}
              />
              <OrganisationHome />
            </div>
          }
        >
          <Match when={isConfinedToAssignedVehicles(user().role)}>
            <div data-testid="home">
              <DriverPortalPage />
            </div>
          </Match>
          <Match when={isCentreRole(user().role)}>
            <div data-testid="home">
              <CentrePage />
            </div>
          </Match>
        </Switch>
      )}
    </Show>
  )
}
