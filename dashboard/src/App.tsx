import { Navigate, Route, Router, type RouteSectionProps } from "@solidjs/router"
import { QueryClient, QueryClientProvider } from "@tanstack/solid-query"
import { createEffect, createMemo, lazy, on } from "solid-js"
import { ApiContext, makeApi } from "./api/ApiContext"
import { shouldRetry } from "./api/queries"
import { CentreRegisterPage } from "./auth/CentreRegisterPage"
import { createSession } from "./auth/createSession"
import { LoginPage } from "./auth/LoginPage"
import { SessionContext } from "./auth/SessionContext"
import { SetPasswordPage } from "./auth/SetPasswordPage"
import { TelegramMiniAppPage } from "./auth/TelegramMiniAppPage"
import { Frame } from "./frame/Frame"
import { Guarded } from "./frame/Guarded"
import { NotFoundPage } from "./frame/NotFoundPage"
import { createI18n } from "./i18n/createI18n"
import { I18nContext } from "./i18n/I18nContext"
import { uiTimeZone } from "./i18n/timeZone"
import { HomePage } from "./pages/home/HomePage"
import { createTheme, isThemePreference } from "./theme/createTheme"
import { ThemeContext } from "./theme/ThemeContext"
import { Toaster } from "./ui/toast"

// The map libraries are most of the bundle: load them only when the live page opens. No
// <Suspense> inside it on purpose: a query's `data` read while loading would blank the map.
const LivePage = lazy(() => import("./live/LivePage").then((m) => ({ default: m.LivePage })))
const ProfilePage = lazy(() =>
  import("./pages/profile/ProfilePage").then((m) => ({ default: m.ProfilePage })),
)
const AnalyticsPage = lazy(() =>
  import("./pages/analytics/AnalyticsPage").then((m) => ({ default: m.AnalyticsPage })),
)
const AuditPage = lazy(() => import("./pages/audit/AuditPage").then((m) => ({ default: m.AuditPage })))
const OrganisationsPage = lazy(() =>
  import("./pages/organisations/OrganisationsPage").then((m) => ({ default: m.OrganisationsPage })),
)
const OrganisationNewPage = lazy(() =>
  import("./pages/organisations/OrganisationNewPage").then((m) => ({ default: m.OrganisationNewPage })),
)
const OrganisationPage = lazy(() =>
  import("./pages/organisations/OrganisationPage").then((m) => ({ default: m.OrganisationPage })),
)
const UsersPage = lazy(() => import("./pages/users/UsersPage").then((m) => ({ default: m.UsersPage })))
const UserNewPage = lazy(() => import("./pages/users/UserNewPage").then((m) => ({ default: m.UserNewPage })))
const UserPage = lazy(() => import("./pages/users/UserPage").then((m) => ({ default: m.UserPage })))
const DriversPage = lazy(() =>
  import("./pages/drivers/DriversPage").then((m) => ({ default: m.DriversPage })),
)
const DriverNewPage = lazy(() =>
  import("./pages/drivers/DriverNewPage").then((m) => ({ default: m.DriverNewPage })),
)
const DriverPage = lazy(() => import("./pages/drivers/DriverPage").then((m) => ({ default: m.DriverPage })))
const TeamsPage = lazy(() => import("./pages/teams/TeamsPage").then((m) => ({ default: m.TeamsPage })))
const TeamPage = lazy(() => import("./pages/teams/TeamPage").then((m) => ({ default: m.TeamPage })))
const VehiclesPage = lazy(() =>
  import("./pages/vehicles/VehiclesPage").then((m) => ({ default: m.VehiclesPage })),
)
const VehicleNewPage = lazy(() =>
  import("./pages/vehicles/VehicleNewPage").then((m) => ({ default: m.VehicleNewPage })),
)
const VehiclePage = lazy(() =>
  import("./pages/vehicles/VehiclePage").then((m) => ({ default: m.VehiclePage })),
)
const VehicleTypesPage = lazy(() =>
  import("./pages/vehicleTypes/VehicleTypesPage").then((m) => ({ default: m.VehicleTypesPage })),
)
const ContractsPage = lazy(() =>
  import("./pages/contracts/ContractsPage").then((m) => ({ default: m.ContractsPage })),
)
const ContractNewPage = lazy(() =>
  import("./pages/contracts/ContractNewPage").then((m) => ({ default: m.ContractNewPage })),
)
const ContractPage = lazy(() =>
  import("./pages/contracts/ContractPage").then((m) => ({ default: m.ContractPage })),
)
const PenaltiesPage = lazy(() =>
  import("./pages/penalties/PenaltiesPage").then((m) => ({ default: m.PenaltiesPage })),
)
const PenaltyNewPage = lazy(() =>
  import("./pages/penalties/PenaltyNewPage").then((m) => ({ default: m.PenaltyNewPage })),
)
const PenaltyPage = lazy(() =>
  import("./pages/penalties/PenaltyPage").then((m) => ({ default: m.PenaltyPage })),
)
const AlertsPage = lazy(() => import("./pages/alerts/AlertsPage").then((m) => ({ default: m.AlertsPage })))
const AlertPage = lazy(() => import("./pages/alerts/AlertPage").then((m) => ({ default: m.AlertPage })))
const OnboardingQueuePage = lazy(() =>
  import("./pages/onboarding/OnboardingQueuePage").then((m) => ({ default: m.OnboardingQueuePage })),
)
const IncidentsPage = lazy(() =>
  import("./pages/incidents/IncidentsPage").then((m) => ({ default: m.IncidentsPage })),
)
const IncidentPage = lazy(() =>
  import("./pages/incidents/IncidentPage").then((m) => ({ default: m.IncidentPage })),
)
const TicketsPage = lazy(() =>
  import("./pages/tickets/TicketsPage").then((m) => ({ default: m.TicketsPage })),
)
const TicketPage = lazy(() => import("./pages/tickets/TicketPage").then((m) => ({ default: m.TicketPage })))
const ChangeRequestPage = lazy(() =>
  import("./pages/vehicleAccess/ChangeRequestPage").then((m) => ({ default: m.ChangeRequestPage })),
)
const ModerationPage = lazy(() =>
  import("./pages/moderation/ModerationPage").then((m) => ({ default: m.ModerationPage })),
)
const ModerationCentrePage = lazy(() =>
  import("./pages/moderation/ModerationCentrePage").then((m) => ({ default: m.ModerationCentrePage })),
)
const CentrePage = lazy(() => import("./pages/centre/CentrePage").then((m) => ({ default: m.CentrePage })))
const CentreAccessPage = lazy(() =>
  import("./pages/centre/CentreAccessPage").then((m) => ({ default: m.CentreAccessPage })),
)
const ServiceVisitPage = lazy(() =>
  import("./pages/vehicleAccess/ServiceVisitPage").then((m) => ({ default: m.ServiceVisitPage })),
)
const VehicleAccessPage = lazy(() =>
  import("./pages/vehicleAccess/VehicleAccessPage").then((m) => ({ default: m.VehicleAccessPage })),
)
const DocumentsPage = lazy(() =>
  import("./pages/documents/DocumentsPage").then((m) => ({ default: m.DocumentsPage })),
)
const RecordDocumentsPage = lazy(() =>
  import("./pages/documents/RecordDocumentsPage").then((m) => ({ default: m.RecordDocumentsPage })),
)
const ExpensesPage = lazy(() =>
  import("./pages/expenses/ExpensesPage").then((m) => ({ default: m.ExpensesPage })),
)
const ExpenseNewPage = lazy(() =>
  import("./pages/expenses/ExpenseNewPage").then((m) => ({ default: m.ExpenseNewPage })),
)
const ExpensePage = lazy(() =>
  import("./pages/expenses/ExpensePage").then((m) => ({ default: m.ExpensePage })),
)
const BudgetsPage = lazy(() =>
  import("./pages/expenses/BudgetsPage").then((m) => ({ default: m.BudgetsPage })),
)
const MileageBulkPage = lazy(() =>
  import("./pages/mileage/MileageBulkPage").then((m) => ({ default: m.MileageBulkPage })),
)
const ImportsPage = lazy(() =>
  import("./pages/imports/ImportsPage").then((m) => ({ default: m.ImportsPage })),
)
const TasksPage = lazy(() => import("./pages/tasks/TasksPage").then((m) => ({ default: m.TasksPage })))
const TaskPage = lazy(() => import("./pages/tasks/TaskPage").then((m) => ({ default: m.TaskPage })))
const TaskNewPage = lazy(() => import("./pages/tasks/TaskNewPage").then((m) => ({ default: m.TaskNewPage })))
const TaskTemplatesPage = lazy(() =>
  import("./pages/tasks/TaskTemplatesPage").then((m) => ({ default: m.TaskTemplatesPage })),
)
const MaintenanceBoardPage = lazy(() =>
  import("./pages/maintenance/MaintenanceBoardPage").then((m) => ({ default: m.MaintenanceBoardPage })),
)
const MaintenanceCalendarPage = lazy(() =>
  import("./pages/maintenance/MaintenanceCalendarPage").then((m) => ({ default: m.MaintenanceCalendarPage })),
)
const MaintenanceTemplatesPage = lazy(() =>
  import("./pages/maintenance/MaintenanceTemplatesPage").then((m) => ({
    default: m.MaintenanceTemplatesPage,
  })),
)
const CurrencyRatesPage = lazy(() =>
  import("./pages/currencyRates/CurrencyRatesPage").then((m) => ({ default: m.CurrencyRatesPage })),
)
const FuelPage = lazy(() => import("./pages/fuel/FuelPage").then((m) => ({ default: m.FuelPage })))
const DriverPortalPage = lazy(() =>
  import("./pages/driver/DriverPortalPage").then((m) => ({ default: m.DriverPortalPage })),
)
const ReportsPage = lazy(() =>
  import("./pages/reports/ReportsPage").then((m) => ({ default: m.ReportsPage })),
)
const ReportPage = lazy(() => import("./pages/reports/ReportPage").then((m) => ({ default: m.ReportPage })))
const ReportSchedulesPage = lazy(() =>
  import("./pages/reports/schedules/ReportSchedulesPage").then((m) => ({ default: m.ReportSchedulesPage })),
)
const ScheduleNewPage = lazy(() =>
  import("./pages/reports/schedules/ScheduleNewPage").then((m) => ({ default: m.ScheduleNewPage })),
)
const SchedulePage = lazy(() =>
  import("./pages/reports/schedules/SchedulePage").then((m) => ({ default: m.SchedulePage })),
)
const GeofencesPage = lazy(() =>
  import("./pages/geofences/GeofencesPage").then((m) => ({ default: m.GeofencesPage })),
)
const OrganisationSettingsPage = lazy(() =>
  import("./pages/settings/OrganisationSettingsPage").then((m) => ({ default: m.OrganisationSettingsPage })),
)

/** The providers every route sees: session, API client, query cache, language, theme, toasts. */
const NotificationsPage = lazy(() =>
  import("./pages/notifications/NotificationsPage").then((m) => ({ default: m.NotificationsPage })),
)
const NotificationPreferencesPage = lazy(() =>
  import("./pages/notifications/NotificationPreferencesPage").then((m) => ({
    default: m.NotificationPreferencesPage,
  })),
)
const NotificationChannelsPage = lazy(() =>
  import("./pages/notifications/NotificationChannelsPage").then((m) => ({
    default: m.NotificationChannelsPage,
  })),
)
const Root = (props: RouteSectionProps) => {
  const session = createSession(() => api)
  const api = makeApi(() => session.lost())
  const i18n = createI18n(
    () => session.user()?.locale,
    () => uiTimeZone(session.user()),
  )
  const theme = createTheme()
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: shouldRetry } } })

  // Who is signed in lives in httpOnly cookies: ask the server once on load.
  void session.load()
  // The profile's theme wins once known (and is remembered for the login page and the next load).
  createEffect(
    on(
      () => session.user()?.theme,
      (preference) => {
        if (isThemePreference(preference)) theme.setPreference(preference)
      },
    ),
  )
  // Nothing of one user's data outlives their session or their organisation: every query drops its
  // data, and those of the page on screen fetch again (`clear()` would leave a mounted page showing
  // the organisation switched away from). Keyed by value: a new user object for the same person (a
  // language or theme change) must not reset the cache.
  const sessionKey = createMemo(() => `${session.user()?.id ?? ""}:${session.user()?.orgId ?? ""}`)
  createEffect(on(sessionKey, () => void queryClient.resetQueries(), { defer: true }))
  createEffect(() => {
    document.title = i18n.t("app.title")
  })

  return (
    <I18nContext.Provider value={i18n}>
      <ThemeContext.Provider value={theme}>
        <SessionContext.Provider value={session}>
          <ApiContext.Provider value={api}>
            <QueryClientProvider client={queryClient}>
              {props.children}
              <Toaster />
            </QueryClientProvider>
          </ApiContext.Provider>
        </SessionContext.Provider>
      </ThemeContext.Provider>
    </I18nContext.Provider>
  )
}

/** The routes. Pages inside the frame are guarded by the menu table's permissions (`frame/menu.ts`). */
export const App = () => (
  <Router root={Root}>
    <Route path="/login" component={LoginPage} />
    <Route path="/register-centre" component={CentreRegisterPage} />
    <Route path="/set-password" component={SetPasswordPage} />
    <Route path="/tg" component={TelegramMiniAppPage} />
    <Route path="/" component={Frame}>
      <Route path="/" component={() => <Guarded page="home" component={HomePage} />} />
      <Route path="/live" component={() => <Guarded page="live" component={LivePage} />} />
      <Route path="/driver" component={() => <Guarded page="home" component={DriverPortalPage} />} />
      <Route
        path="/driver/my-vehicle"
        component={() => <Guarded page="home" component={DriverPortalPage} />}
      />
      <Route path="/profile" component={() => <Guarded page="profile" component={ProfilePage} />} />
      <Route path="/audit" component={() => <Guarded page="audit" component={AuditPage} />} />
      <Route path="/analytics" component={() => <Guarded page="analytics" component={AnalyticsPage} />} />
      <Route
        path="/organisations"
        component={() => <Guarded page="organisations" component={OrganisationsPage} />}
      />
      <Route
        path="/organisations/new"
        component={() => <Guarded page="organisations" component={OrganisationNewPage} />}
      />
      <Route
        path="/organisations/:id"
        component={() => <Guarded page="organisations" component={OrganisationPage} />}
      />
      <Route path="/users" component={() => <Guarded page="users" component={UsersPage} />} />
      <Route path="/users/new" component={() => <Guarded page="users" component={UserNewPage} />} />
      <Route path="/users/:id" component={() => <Guarded page="users" component={UserPage} />} />
      <Route
        path="/settings/organisation"
        component={() => <Guarded page="organisationSettings" component={OrganisationSettingsPage} />}
      />
      <Route path="/drivers" component={() => <Guarded page="drivers" component={DriversPage} />} />
      <Route path="/drivers/new" component={() => <Guarded page="drivers" component={DriverNewPage} />} />
      <Route path="/drivers/:id" component={() => <Guarded page="drivers" component={DriverPage} />} />
      <Route path="/teams" component={() => <Guarded page="teams" component={TeamsPage} />} />
      <Route path="/teams/:id" component={() => <Guarded page="teams" component={TeamPage} />} />
      <Route path="/vehicles" component={() => <Guarded page="vehicles" component={VehiclesPage} />} />
      <Route path="/vehicles/new" component={() => <Guarded page="vehicles" component={VehicleNewPage} />} />
      <Route path="/vehicles/:id" component={() => <Guarded page="vehicles" component={VehiclePage} />} />
      <Route
        path="/vehicle-types"
        component={() => <Guarded page="vehicleTypes" component={VehicleTypesPage} />}
      />
      <Route path="/contracts" component={() => <Guarded page="contracts" component={ContractsPage} />} />
      <Route
        path="/contracts/new"
        component={() => <Guarded page="contracts" component={ContractNewPage} />}
      />
      <Route path="/contracts/:id" component={() => <Guarded page="contracts" component={ContractPage} />} />
      <Route path="/penalties" component={() => <Guarded page="penalties" component={PenaltiesPage} />} />
      <Route
        path="/penalties/new"
        component={() => <Guarded page="penalties" component={PenaltyNewPage} />}
      />
      <Route path="/penalties/:id" component={() => <Guarded page="penalties" component={PenaltyPage} />} />
      <Route path="/documents" component={() => <Guarded page="documents" component={DocumentsPage} />} />
      <Route
        path="/documents/:entityType/:entityId"
        component={() => <Guarded page="documents" component={RecordDocumentsPage} />}
      />
      <Route path="/expenses" component={() => <Guarded page="expenses" component={ExpensesPage} />} />
      <Route path="/expenses/new" component={() => <Guarded page="expenses" component={ExpenseNewPage} />} />
      <Route path="/expenses/budgets" component={() => <Guarded page="budgets" component={BudgetsPage} />} />
      <Route path="/expenses/:id" component={() => <Guarded page="expenses" component={ExpensePage} />} />
      <Route
        path="/settings/currency-rates"
        component={() => <Guarded page="currencyRates" component={CurrencyRatesPage} />}
      />
      <Route path="/mileage/bulk" component={() => <Guarded page="mileage" component={MileageBulkPage} />} />
      <Route path="/imports" component={() => <Guarded page="imports" component={ImportsPage} />} />
      <Route path="/alerts" component={() => <Guarded page="alerts" component={AlertsPage} />} />
      <Route path="/alerts/:id" component={() => <Guarded page="alerts" component={AlertPage} />} />
      <Route
        path="/onboarding"
        component={() => <Guarded page="onboarding" component={OnboardingQueuePage} />}
      />
      <Route path="/incidents" component={() => <Guarded page="incidents" component={IncidentsPage} />} />
      <Route path="/incidents/:id" component={() => <Guarded page="incidents" component={IncidentPage} />} />
      <Route path="/tickets" component={() => <Guarded page="tickets" component={TicketsPage} />} />
      <Route path="/tickets/:id" component={() => <Guarded page="tickets" component={TicketPage} />} />
      <Route
        path="/vehicle-access"
        component={() => <Guarded page="vehicleAccess" component={VehicleAccessPage} />}
      />
      <Route path="/moderation" component={() => <Guarded page="moderation" component={ModerationPage} />} />
      <Route
        path="/moderation/centres/:id"
        component={() => <Guarded page="moderation" component={ModerationCentrePage} />}
      />
      <Route path="/centre" component={() => <Guarded page="centre" component={CentrePage} />} />
      <Route
        path="/centre/access"
        component={() => <Guarded page="centreAccess" component={CentreAccessPage} />}
      />
      <Route
        path="/service-visits/:id"
        component={() => <Guarded page="serviceVisits" component={ServiceVisitPage} />}
      />
      <Route
        path="/vehicle-change-requests/:id"
        component={() => <Guarded page="changeRequests" component={ChangeRequestPage} />}
      />
      <Route path="/fuel" component={() => <Guarded page="fuel" component={FuelPage} />} />
      <Route path="/tasks" component={() => <Guarded page="tasks" component={TasksPage} />} />
      <Route path="/tasks/new" component={() => <Guarded page="tasks" component={TaskNewPage} />} />
      <Route
        path="/tasks/templates"
        component={() => <Guarded page="tasks" component={TaskTemplatesPage} />}
      />
      <Route path="/tasks/:id" component={() => <Guarded page="tasks" component={TaskPage} />} />
      <Route
        path="/maintenance"
        component={() => <Guarded page="maintenance" component={MaintenanceBoardPage} />}
      />
      <Route
        path="/maintenance/calendar"
        component={() => <Guarded page="maintenance" component={MaintenanceCalendarPage} />}
      />
      <Route
        path="/maintenance/templates"
        component={() => <Guarded page="maintenance" component={MaintenanceTemplatesPage} />}
      />
      <Route
        path="/notifications"
        component={() => <Guarded page="notifications" component={NotificationsPage} />}
      />
      <Route
        path="/notifications/preferences"
        component={() => <Guarded page="notifications" component={NotificationPreferencesPage} />}
      />
      <Route
        path="/settings/notifications"
        component={() => <Guarded page="notificationChannels" component={NotificationChannelsPage} />}
      />
      <Route path="/geofences" component={() => <Guarded page="geofences" component={GeofencesPage} />} />
      <Route path="/reports" component={() => <Guarded page="reports" component={ReportsPage} />} />
      <Route
        path="/reports/schedules"
        component={() => <Guarded page="reportSchedules" component={ReportSchedulesPage} />}
      />
      <Route
        path="/reports/schedules/new"
        component={() => <Guarded page="reportSchedules" component={ScheduleNewPage} />}
      />
      <Route
        path="/reports/schedules/:id"
        component={() => <Guarded page="reportSchedules" component={SchedulePage} />}
      />
      <Route path="/reports/:report" component={() => <Guarded page="reports" component={ReportPage} />} />
      <Route path="/index.html" component={() => <Navigate href="/" />} />
      <Route path="*" component={NotFoundPage} />
    </Route>
  </Router>
)
