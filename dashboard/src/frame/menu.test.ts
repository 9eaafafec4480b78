import { ROLE_PERMISSIONS, type Role } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import { MENU, mayOpen, menuItemOf, visibleMenu } from "./menu"

const permissionsOf = (role: Role) => [...ROLE_PERMISSIONS[role]]
const ids = (role: Role, placement: "main" | "admin" | "user") =>
  visibleMenu(permissionsOf(role), placement).map((item) => item.id)

describe("menu", () => {
  it("shows the owner every page in the sidebar but a service centre's own", () => {
    const centreOwn = ["centre", "centreAccess"]
    expect([...ids("owner", "main"), ...ids("owner", "admin"), ...ids("owner", "user")].sort()).toEqual(
      MENU.filter((item) => item.placement !== "none" && !centreOwn.includes(item.id))
        .map((item) => item.id)
        .sort(),
    )
  })

  it("gives a centre's staff their centre and visits; its owner and manager the access page too", () => {
    expect(ids("mechanic", "main")).toEqual(["home", "centre"])
    expect(ids("centre_manager", "main")).toEqual(["home", "centre", "centreAccess"])
    expect(
      mayOpen(MENU.find((m) => m.id === "serviceVisits")?.access ?? "signedIn", permissionsOf("mechanic")),
    ).toBe(true)
    expect(menuItemOf("/centre/access")?.id).toBe("centreAccess")
  })

  it("gives an admin users, audit and their organisation's settings but not organisations", () => {
    expect(ids("admin", "admin")).toEqual([
      "users",
      "audit",
      "organisationSettings",
      "currencyRates",
      "imports",
      "notificationChannels",
    ])
    expect(menuItemOf("/settings/organisation")?.id).toBe("organisationSettings")
    expect(menuItemOf("/settings/notifications")?.id).toBe("notificationChannels")
  })

  it("gives a manager the user list but not the audit log", () => {
    expect(ids("manager", "admin")).toEqual(["users", "currencyRates", "imports"])
  })

  it("gives a driver home, the live map, their own tickets, their vehicles, their own record and team, their fines, mileage entry, their vehicles' fuel and maintenance, the profile and their notifications, nothing to administer", () => {
    expect(ids("driver", "main")).toEqual([
      "home",
      "live",
      "tickets",
      "vehicles",
      "vehicleTypes",
      "drivers",
      "teams",
      "penalties",
      "documents",
      "mileage",
      "fuel",
      "maintenance",
      "tasks",
    ])
    expect(ids("driver", "admin")).toEqual([])
    expect(ids("driver", "user")).toEqual(["profile", "notifications"])
    expect(menuItemOf("/notifications/preferences")?.id).toBe("notifications")
  })

  it("finds the page of a deep URL by its longest matching path", () => {
    expect(menuItemOf("/")?.id).toBe("home")
    expect(menuItemOf("/users")?.id).toBe("users")
    expect(menuItemOf("/users/1f0c…")?.id).toBe("users")
    expect(menuItemOf("/usersx")).toBeUndefined()
    expect(menuItemOf("/expenses/budgets")?.id).toBe("budgets")
    expect(menuItemOf("/expenses/1f0c…")?.id).toBe("expenses")
    expect(menuItemOf("/nowhere")).toBeUndefined()
  })

  it("lets anyone signed in open a signedIn page, and only holders open a permission page", () => {
    expect(mayOpen("signedIn", [])).toBe(true)
    expect(mayOpen("audit.read", permissionsOf("driver"))).toBe(false)
    expect(mayOpen("audit.read", permissionsOf("admin"))).toBe(true)
  })
})
