import { CENTRE_ROLES, isCentreRole, ROLES } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { describe, expect, it } from "vitest"
import { assertMayGrant, assertNotSelfLockout, mayGrant } from "./grantRules.js"

const codeOf = (f: () => void): string | null => {
  try {
    f()
    return null
  } catch (error) {
    return error instanceof HttpError ? `${error.status} ${error.code}` : String(error)
  }
}

describe("grant rules", () => {
  it("lets only an owner grant the owner and moderator roles; an admin grants every other fleet role", () => {
    expect(mayGrant("owner", "owner")).toBe(true)
    expect(mayGrant("owner", "moderator")).toBe(true)
    expect(mayGrant("admin", "owner")).toBe(false)
    expect(mayGrant("admin", "moderator")).toBe(false)
    for (const role of ROLES.filter((r) => r !== "owner" && r !== "moderator" && !isCentreRole(r)))
      expect(mayGrant("admin", role)).toBe(true)
    expect(codeOf(() => assertMayGrant("admin", "owner", "role"))).toBe("403 FLEET_ROLE_NOT_GRANTABLE")
  })

  it("keeps a centre's roles inside centres: its owner and manager hand them out, a fleet admin cannot", () => {
    for (const role of CENTRE_ROLES) {
      expect(mayGrant("admin", role)).toBe(false)
      expect(mayGrant("centre_owner", role)).toBe(true)
      expect(mayGrant("centre_manager", role)).toBe(role !== "centre_owner")
    }
    for (const role of ["owner", "admin", "manager", "driver", "moderator"] as const)
      expect(mayGrant("centre_owner", role)).toBe(false)
  })

  it("refuses deactivating or changing the role of one's own account", () => {
    expect(codeOf(() => assertNotSelfLockout(true, { role: "admin" }, { disabled: true }))).toBe(
      "409 FLEET_USER_SELF",
    )
    expect(codeOf(() => assertNotSelfLockout(true, { role: "admin" }, { role: "viewer" }))).toBe(
      "409 FLEET_USER_SELF",
    )
    expect(
      codeOf(() => assertNotSelfLockout(true, { role: "admin" }, { role: "admin", disabled: false })),
    ).toBeNull()
    expect(
      codeOf(() => assertNotSelfLockout(false, { role: "admin" }, { role: "viewer", disabled: true })),
    ).toBeNull()
  })
})
