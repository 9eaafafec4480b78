import { ROLES } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import { grantableRoles, mayGrant } from "./grantableRoles"

describe("grantable roles", () => {
  it("lets the owner grant every role, owner included", () => {
    expect(grantableRoles("owner")).toEqual(ROLES)
  })

  it("keeps the owner role from an admin, in the table's order", () => {
    expect(grantableRoles("admin")).toEqual(["admin", "manager", "dispatcher", "driver", "viewer", "analyst"])
    expect(mayGrant("admin", "owner")).toBe(false)
    expect(mayGrant("admin", "driver")).toBe(true)
  })
})
