import type { Permission } from "@fleetcore/contract"

/** Who may open a page: anyone signed in, or a caller whose role holds the permission. */
export type PageAccess = Permission | "signedIn"

export type MenuIcon =
  | "home"
  | "map"
  | "organisations"
  | "users"
  | "audit"
  | "profile"
  | "settings"
  | "drivers"
  | "teams"
  | "vehicles"
  | "vehicleTypes"
  | "contracts"
  | "penalties"
  | "documents"
  | "expenses"
  | "budgets"
  | "currencyRates"
  | "mileage"
  | "imports"
  | "alerts"
  | "incidents"
  | "tickets"
  | "vehicleAccess"
  | "centre"
  | "moderation"
  | "fuel"
  | "maintenance"
  | "tasks"
  | "notifications"
  | "analytics"
  | "reports"

export interface MenuItem {
  readonly id: string
  /** The route; deeper URLs (`/users/123`) belong to the item with the longest matching path. */
  readonly path: string
  /** Key under `menu.` in the dictionaries. */
  readonly label:
    | "home"
    | "live"
    | "organisations"
    | "users"
    | "audit"
    | "profile"
    | "organisationSettings"
    | "drivers"
    | "teams"
    | "vehicles"
    | "vehicleTypes"
    | "contracts"
    | "penalties"
    | "documents"
    | "expenses"
    | "budgets"
    | "currencyRates"
    | "mileage"
    | "imports"
    | "alerts"
    | "incidents"
    | "tickets"
    | "vehicleAccess"
    | "centre"
    | "centreAccess"
    | "moderation"
    | "fuel"
    | "maintenance"
    | "tasks"
    | "notifications"
    | "notificationChannels"
    | "geofences"
    | "analytics"
    | "reports"
    | "reportSchedules"
    | "onboarding"
  readonly icon: MenuIcon
  readonly access: PageAccess
  /** Sidebar sections; the profile lives in the user menu instead; "none": reached from other pages. */
  readonly placement: "main" | "admin" | "user" | "none"
}

/**
 * The one table of the dashboard's pages and who may open them, keyed by the contract's
 * permissions (`ROLE_PERMISSIONS`, sent to the dashboard as `Me.permissions`). The sidebar, the
 * route guard and the "not allowed" page all read it; a page added later is one line here.
 */
export const MENU: ReadonlyArray<MenuItem> = [
  { id: "home", path: "/", label: "home", icon: "home", access: "signedIn", placement: "main" },
  { id: "live", path: "/live", label: "live", icon: "map", access: "telemetry.read", placement: "main" },
  {
    id: "alerts",
    path: "/alerts",
    label: "alerts",
    icon: "alerts",
    access: "alerts.read",
    placement: "main",
  },
  {
    id: "incidents",
    path: "/incidents",
    label: "incidents",
    icon: "incidents",
    access: "alerts.read",
    placement: "main",
  },
  {
    id: "tickets",
    path: "/tickets",
    label: "tickets",
    icon: "tickets",
    access: "tickets.read",
    placement: "main",
  },
  {
    id: "vehicles",
    path: "/vehicles",
    label: "vehicles",
    icon: "vehicles",
    access: "vehicles.read",
    placement: "main",
  },
  {
    id: "vehicleAccess",
    path: "/vehicle-access",
    label: "vehicleAccess",
    icon: "vehicleAccess",
    access: "vehicleAccess.manage",
    placement: "main",
  },
  // A change request's page: the vehicle's managers who decide it, and its proposer (a driver, a
  // centre's staff), whom the decision's notification links to.
  {
    id: "changeRequests",
    path: "/vehicle-change-requests",
    label: "vehicleAccess",
    icon: "vehicleAccess",
    access: "vehicleChanges.read",
    placement: "none",
  },
  // A visit's page: the fleet that confirms it and the centre that records it (both read visits).
  {
    id: "serviceVisits",
    path: "/service-visits",
    label: "centre",
    icon: "centre",
    access: "visits.read",
    placement: "none",
  },
  // A service centre's own pages (its staff's roles hold centres.search; fleets' roles do not).
  {
    id: "centre",
    path: "/centre",
    label: "centre",
    icon: "centre",
    access: "centres.search",
    placement: "main",
  },
  {
    id: "centreAccess",
    path: "/centre/access",
    label: "centreAccess",
    icon: "vehicleAccess",
    access: "centres.access",
    placement: "main",
  },
  {
    id: "vehicleTypes",
    path: "/vehicle-types",
    label: "vehicleTypes",
    icon: "vehicleTypes",
    access: "vehicles.read",
    placement: "main",
  },
  {
    id: "drivers",
    path: "/drivers",
    label: "drivers",
    icon: "drivers",
    access: "drivers.read",
    placement: "main",
  },
  {
    id: "onboarding",
    path: "/onboarding",
    label: "onboarding",
    icon: "documents",
    access: "vehicles.approve",
    placement: "main",
  },
  { id: "teams", path: "/teams", label: "teams", icon: "teams", access: "drivers.read", placement: "main" },
  {
    id: "contracts",
    path: "/contracts",
    label: "contracts",
    icon: "contracts",
    access: "contracts.read",
    placement: "main",
  },
  {
    id: "penalties",
    path: "/penalties",
    label: "penalties",
    icon: "penalties",
    access: "penalties.read",
    placement: "main",
  },
  {
    id: "documents",
    path: "/documents",
    label: "documents",
    icon: "documents",
    access: "documents.read",
    placement: "main",
  },
  {
    id: "moderation",
    path: "/moderation",
    label: "moderation",
    icon: "moderation",
    access: "centres.moderate",
    placement: "admin",
  },
  {
    id: "organisations",
    path: "/organisations",
    label: "organisations",
    icon: "organisations",
    access: "organisations.manage",
    placement: "admin",
  },
  { id: "users", path: "/users", label: "users", icon: "users", access: "users.read", placement: "admin" },
  { id: "audit", path: "/audit", label: "audit", icon: "audit", access: "audit.read", placement: "admin" },
  {
    id: "organisationSettings",
    path: "/settings/organisation",
    label: "organisationSettings",
    icon: "settings",
    access: "organisation.settings",
    placement: "admin",
  },
  {
    id: "expenses",
    path: "/expenses",
    label: "expenses",
    icon: "expenses",
    access: "expenses.read",
    placement: "main",
  },
  {
    id: "budgets",
    path: "/expenses/budgets",
    label: "budgets",
    icon: "budgets",
    access: "expenses.read",
    placement: "main",
  },
  {
    id: "currencyRates",
    path: "/settings/currency-rates",
    label: "currencyRates",
    icon: "currencyRates",
    access: "expenses.read",
    placement: "admin",
  },
  {
    id: "profile",
    path: "/profile",
    label: "profile",
    icon: "profile",
    access: "signedIn",
    placement: "user",
  },
  {
    id: "mileage",
    path: "/mileage/bulk",
    label: "mileage",
    icon: "mileage",
    access: "odometer.record",
    placement: "main",
  },
  {
    id: "imports",
    path: "/imports",
    label: "imports",
    icon: "imports",
    access: "vehicles.manage",
    placement: "admin",
  },
  { id: "fuel", path: "/fuel", label: "fuel", icon: "fuel", access: "fuel.read", placement: "main" },
  {
    id: "maintenance",
    path: "/maintenance",
    label: "maintenance",
    icon: "maintenance",
    access: "maintenance.read",
    placement: "main",
  },
  { id: "tasks", path: "/tasks", label: "tasks", icon: "tasks", access: "tasks.read", placement: "main" },
  {
    id: "notifications",
    path: "/notifications",
    label: "notifications",
    icon: "notifications",
    access: "signedIn",
    placement: "user",
  },
  {
    id: "notificationChannels",
    path: "/settings/notifications",
    label: "notificationChannels",
    icon: "notifications",
    access: "organisation.settings",
    placement: "admin",
  },
  {
    id: "geofences",
    path: "/geofences",
    label: "geofences",
    icon: "map",
    access: "geofences.read",
    placement: "main",
  },
  {
    id: "reports",
    path: "/reports",
    label: "reports",
    icon: "reports",
    access: "reports.read",
    placement: "main",
  },
  {
    id: "reportSchedules",
    path: "/reports/schedules",
    label: "reportSchedules",
    icon: "reports",
    access: "reports.schedule",
    placement: "main",
  },
  {
    id: "analytics",
    path: "/analytics",
    label: "analytics",
    icon: "analytics",
    access: "analytics.query",
    placement: "main",
  },
]

export const mayOpen = (access: PageAccess, permissions: ReadonlyArray<Permission>): boolean =>
  access === "signedIn" || permissions.includes(access)

/** The items a user with these permissions sees, in table order. */
export const visibleMenu = (
  permissions: ReadonlyArray<Permission>,
  placement: MenuItem["placement"],
  menu: ReadonlyArray<MenuItem> = MENU,
): ReadonlyArray<MenuItem> =>
  menu.filter((item) => item.placement === placement && mayOpen(item.access, permissions))

/** The item a URL belongs to: the longest path that is the URL or a parent of it. */
export const menuItemOf = (pathname: string, menu: ReadonlyArray<MenuItem> = MENU): MenuItem | undefined => {
  let best: MenuItem | undefined
  for (const item of menu) {
    const matches =
      item.path === "/" ? pathname === "/" : pathname === item.path || pathname.startsWith(`${item.path}/`)
    if (matches && (best === undefined || item.path.length > best.path.length)) best = item
  }
  return best
}
