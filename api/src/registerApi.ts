import { endpoints } from "@fleetcore/contract"
import type {
  BusTransport,
  ClickHouseClient,
  DocumentStore,
  Log,
  MetricsShape,
  PostgresClient,
} from "@fleetcore/platform"
import { type RouteEntry, routesOf } from "@fleetcore/platform"
import type { HttpResponse, TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { registerAlertRoutes } from "./alerts/AlertRoutes.js"
import { registerAnalyticsRoutes } from "./analytics/AnalyticsRoutes.js"
import { registerAuditRoutes } from "./audit/AuditRoutes.js"
import { startAccountCheck } from "./auth/AccountCheck.js"
import { registerAuthRoutes } from "./auth/AuthRoutes.js"
import { registerPasswordRoutes } from "./auth/PasswordRoutes.js"
import type { Tokens } from "./auth/Tokens.js"
import { registerAccessRoutes } from "./centres/AccessRoutes.js"
import { registerCentreAccessRoutes } from "./centres/CentreAccessRoutes.js"
import { registerCentreRoutes } from "./centres/CentreRoutes.js"
import { registerModerationRoutes } from "./centres/ModerationRoutes.js"
import { registerChangeRequestRoutes } from "./changeRequests/ChangeRequestRoutes.js"
import { registerCommandRoutes } from "./commands/CommandRoutes.js"
import type { DeviceCommandService } from "./commands/DeviceCommandService.js"
import { registerContractRoutes } from "./contracts/ContractRoutes.js"
import { registerDashboardRoutes } from "./dashboards/DashboardRoutes.js"
import { registerDeviceRoutes } from "./devices/DeviceRoutes.js"
import { registerApiReference } from "./docs/ApiReference.js"
import { registerDocumentRoutes } from "./documents/DocumentRoutes.js"
import { registerDriverRoutes } from "./drivers/DriverRoutes.js"
import { registerBudgetRoutes } from "./expenses/BudgetRoutes.js"
import { registerCurrencyRateRoutes } from "./expenses/CurrencyRateRoutes.js"
import { registerExpenseRoutes } from "./expenses/ExpenseRoutes.js"
import { registerListExportRoutes } from "./exports/ListExportRoutes.js"
import { registerFuelRoutes } from "./fuel/FuelRoutes.js"
import { checkReadiness } from "./health/readiness.js"
import { registerHomeRoutes } from "./home/HomeRoutes.js"
import { serve } from "./http/serve.js"
import { registerImportRoutes } from "./imports/ImportRoutes.js"
import { registerIncidentRoutes } from "./incidents/IncidentRoutes.js"
import { registerLiveHub } from "./live/LiveHub.js"
import { registerMaintenanceRoutes } from "./maintenance/MaintenanceRoutes.js"
import { makeMetricsAccess } from "./metrics/metricsAccess.js"
import { registerNotificationRoutes } from "./notifications/NotificationRoutes.js"
import { type NotificationsOptions, startNotifications } from "./notifications/startNotifications.js"
import type { OcrProvider } from "./ocr/OcrProvider.js"
import { registerOcrRoutes } from "./ocr/OcrRoutes.js"
import { makeTesseractOcr } from "./ocr/TesseractOcr.js"
import { registerOnboardingRoutes } from "./onboarding/OnboardingRoutes.js"
import { registerOrganisationLogoRoutes } from "./organisations/OrganisationLogoRoutes.js"
import { registerOrganisationRoutes } from "./organisations/OrganisationRoutes.js"
import { registerPenaltyRoutes } from "./penalties/PenaltyRoutes.js"
import { registerReportScheduleRoutes } from "./reportSchedules/ReportScheduleRoutes.js"
import { startReportSchedules } from "./reportSchedules/startReportSchedules.js"
import { registerReportRoutes } from "./reports/ReportRoutes.js"
import { registerStaticFiles } from "./StaticFiles.js"
import { registerGeofenceRoutes } from "./settings/GeofenceRoutes.js"
import { registerSettingsRoutes } from "./settings/SettingsRoutes.js"
import { registerTaskRoutes } from "./tasks/TaskRoutes.js"
import { registerTaskTemplateRoutes } from "./tasks/TaskTemplateRoutes.js"
import { registerTeamRoutes } from "./teams/TeamRoutes.js"
import { startTelegramBots, type TelegramBotsOptions } from "./telegram/TelegramBots.js"
import { registerTelegramRoutes } from "./telegram/TelegramRoutes.js"
import { registerTicketRoutes } from "./tickets/TicketRoutes.js"
import { registerProfileRoutes } from "./users/ProfileRoutes.js"
import { registerUserRoutes } from "./users/UserRoutes.js"
import { registerAssignmentRoutes } from "./vehicles/AssignmentRoutes.js"
import { registerHistoryRoutes } from "./vehicles/HistoryRoutes.js"
import { registerOdometerRoutes } from "./vehicles/OdometerRoutes.js"
import { registerOwnershipRoutes } from "./vehicles/OwnershipRoutes.js"
import { registerVehicleRecordRoutes } from "./vehicles/VehicleRecordRoutes.js"
import { registerVehicleRoutes } from "./vehicles/VehicleRoutes.js"
import { registerVehicleSpecRoutes } from "./vehicles/VehicleSpecRoutes.js"
import { registerVehicleTypeRoutes } from "./vehicleTypes/VehicleTypeRoutes.js"
import { registerVisitDisputeRoutes } from "./visits/VisitDisputeRoutes.js"
import { registerVisitOwnerRoutes } from "./visits/VisitOwnerRoutes.js"
import { registerVisitPhotoRoutes } from "./visits/VisitPhotoRoutes.js"
import { registerVisitRoutes } from "./visits/VisitRoutes.js"

export interface ApiDeps {
  readonly db: PostgresClient
  readonly ch: ClickHouseClient
  readonly bus: BusTransport
  readonly tokens: Tokens
  readonly log: Log
  readonly metrics: MetricsShape
  readonly instanceId: string
  readonly version: string
  readonly mapStyleUrl: string | null
  /** Bearer token for `/metrics`; null serves metrics to loopback connections only. */
  readonly metricsToken: string | null
  /** The built dashboard to serve at `/`; null serves none. */
  readonly dashboardDir: string | null
  readonly onDeviceChanged: (deviceId: string) => void
  /** An organisation was suspended or reactivated: device authentication forgets what it cached. */
  readonly onOrganisationChanged: (orgId: string) => void
  /** The address users reach the dashboard at (links in answers); null: the request's origin. */
  readonly publicUrl: string | null
  /** Check every answer against its declared schema (tests): a mismatch is a 500. */
  readonly checkResponses?: boolean
  /** `Secure` on the browser session's cookies (FLEET_COOKIE_SECURE); on when absent. */
  readonly cookieSecure?: boolean
  /** Where documents' bytes are stored: a local folder or S3 (chosen at start-up). */
  readonly documents: DocumentStore
  /** Timings and channels of the notifications worker; its defaults when absent. */
  readonly notifications?: NotificationsOptions
  /** The process's device command queue (it delivers through the process's device links, if any). */
  readonly commands: DeviceCommandService
  /** Reads photos for suggestions; absent: the offline Tesseract provider, started on first use. */
  readonly ocr?: OcrProvider
  /** The organisations' Telegram bots (polling); false: none run in this process. */
  readonly telegramBots?: TelegramBotsOptions | false
}

export interface RegisteredApi {
  /** Stops the background work (notifications) that needs PostgreSQL: before the pool closes. */
  readonly closeWorkers: () => Promise<void>
  /** Closes the live feed: last, once nothing pushes to it any more. */
  readonly close: () => Promise<void>
  /** Every HTTP route registered on the app, from the one route table (see `routesOf`). */
  readonly routes: ReadonlyArray<RouteEntry>
}

/** Registers every API route on the app. Static files go last: they catch what is left. */
export const registerApi = async (app: TemplatedApp, given: ApiDeps): Promise<RegisteredApi> => {
  // Every route and the live feed verify access tokens against their accounts' standing now.
  const accountCheck = await startAccountCheck(given.db.system, given.log)
  const deps = { ...given, tokens: accountCheck.checking(given.tokens) }
  const metricsAccess = makeMetricsAccess(deps.metricsToken)
  const served = { ...deps, checkResponses: deps.checkResponses ?? false }
  serve(app, served, endpoints.system.health, async () => ({
    body: { status: "ok" as const, version: deps.version },
  }))
  serve(app, served, endpoints.system.ready, async () => {
    const { ready, checks } = await checkReadiness(deps)
    return {
      status: ready ? 200 : 503,
      body: { status: ready ? ("ready" as const) : ("not ready" as const), checks: [...checks] },
    }
  })
  serve(app, served, endpoints.system.metrics, async ({ request }) => {
    metricsAccess(request)
    deps.metrics.busPending.set(deps.bus.pending())
    return {
      headers: { "content-type": deps.metrics.registry.contentType },
      body: await deps.metrics.registry.metrics(),
    }
  })
  serve(app, served, endpoints.system.config, async () => ({
    body: { mapStyleUrl: deps.mapStyleUrl, version: deps.version },
  }))
  registerApiReference(app, served)
  registerAuthRoutes(app, deps)
  registerVehicleRoutes(app, deps)
  registerHistoryRoutes(app, deps)
  registerAssignmentRoutes(app, deps)
  registerOdometerRoutes(app, deps)
  registerVehicleSpecRoutes(app, deps)
  registerChangeRequestRoutes(app, deps)
  registerVisitRoutes(app, deps)
  registerVisitPhotoRoutes(app, served)
  registerVisitOwnerRoutes(app, deps)
  registerVisitDisputeRoutes(app, deps)
  registerDeviceRoutes(app, deps)
  registerAlertRoutes(app, deps)
  registerIncidentRoutes(app, deps)
  registerFuelRoutes(app, deps)
  registerExpenseRoutes(app, deps)
  registerCurrencyRateRoutes(app, deps)
  registerBudgetRoutes(app, deps)
  registerMaintenanceRoutes(app, deps)
  registerSettingsRoutes(app, deps)
  registerGeofenceRoutes(app, deps)
  registerAuditRoutes(app, deps)
  registerContractRoutes(app, deps)
  registerPenaltyRoutes(app, deps)
  registerOrganisationRoutes(app, served)
  registerOrganisationLogoRoutes(app, served)
  registerUserRoutes(app, served)
  registerPasswordRoutes(app, served)
  registerProfileRoutes(app, served)
  registerDriverRoutes(app, served)
  registerTeamRoutes(app, served)
  registerTicketRoutes(app, served)
  registerCentreRoutes(app, served)
  registerModerationRoutes(app, served)
  registerAccessRoutes(app, served)
  registerCentreAccessRoutes(app, served)
  registerVehicleRecordRoutes(app, deps)
  registerOwnershipRoutes(app, deps)
  registerVehicleTypeRoutes(app, deps)
  registerDocumentRoutes(app, served)
  registerImportRoutes(app, deps)
  registerNotificationRoutes(app, served)
  registerHomeRoutes(app, deps)
  registerDashboardRoutes(app, deps)
  registerAnalyticsRoutes(app, deps)
  registerReportRoutes(app, deps)
  const commands = deps.commands
  registerCommandRoutes(app, { ...deps, commands })
  const reportSchedules = startReportSchedules(deps)
  registerReportScheduleRoutes(app, deps, reportSchedules.wake)
  registerListExportRoutes(app, deps)
  registerOnboardingRoutes(app, deps)
  registerTaskTemplateRoutes(app, deps)
  registerTaskRoutes(app, deps)
  const ocr = deps.ocr ?? makeTesseractOcr({ log: deps.log })
  registerOcrRoutes(app, { ...served, ocr })
  registerTelegramRoutes(app, served)
  const telegramBots =
    deps.telegramBots === false ? null : startTelegramBots({ ...deps, ocr }, deps.telegramBots)
  const live = await registerLiveHub(app, { ...deps, accounts: accountCheck })
  const notifications = await startNotifications(app, deps, deps.notifications)
  const noSuchEndpoint = (res: HttpResponse): void => {
    res.cork(() => {
      res
        .writeStatus("404 Not Found")
        .writeHeader("content-type", "application/json; charset=utf-8")
        .end(JSON.stringify({ error: { code: "FLEET_NOT_FOUND", message: "no such endpoint" } }))
    })
  }
  app.any("/api/*", noSuchEndpoint)
  // The dashboard answers GETs; every other method and path (or every path, in an API-only process)
  // is a 404, never a dropped connection.
  if (deps.dashboardDir !== null) registerStaticFiles(app, deps.dashboardDir, deps.log)
  app.any("/*", noSuchEndpoint)
  return {
    closeWorkers: async () => {
      await reportSchedules.close()
      await notifications.close()
      await telegramBots?.close()
      await ocr.close()
      await accountCheck.close()
    },
    close: live.close,
    routes: routesOf(app),
  }
}
