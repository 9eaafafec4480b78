import { Phone } from "@fleetcore/contract"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { ApiError, apiErrorOf, fieldMessage } from "../../api/ApiError"
import { placeSubmitFailure } from "./serverFieldError"

describe("form errors", () => {
  it("puts a server error on the field it names", () => {
    const error = new ApiError(400, "FLEET_BODY_INVALID", "Телефон в международном формате", "phone")
    expect(placeSubmitFailure(error, ["name", "phone"])).toEqual({
      kind: "field",
      field: "phone",
      message: "Телефон в международном формате",
    })
  })

  it("puts the reason alone under the field, whose own label names it, not the wire key", () => {
    const error = new ApiError(
      400,
      "FLEET_CONTRACT_INVALID",
      "Договор, поле «endDate»: раньше даты начала",
      "endDate",
      "раньше даты начала",
    )
    expect(placeSubmitFailure(error, ["startDate", "endDate"])).toEqual({
      kind: "field",
      field: "endDate",
      message: "раньше даты начала",
    })
  })

  it("reads the reason from the API's error body, and stays whole for a body without one", () => {
    const refused = apiErrorOf(400, {
      error: { code: "FLEET_CONTRACT_INVALID", message: "m", field: "endDate", detail: "раньше даты начала" },
    })
    expect([refused.code, refused.field, refused.detail]).toEqual([
      "FLEET_CONTRACT_INVALID",
      "endDate",
      "раньше даты начала",
    ])
    expect(fieldMessage(refused, "endDate")).toBe("раньше даты начала")
    expect(fieldMessage(refused, "startDate")).toBeUndefined()
    const plain = apiErrorOf(409, {
      error: { code: "FLEET_VEHICLE_EXISTS", message: "Этот госномер уже используется", field: "plate" },
    })
    expect(fieldMessage(plain, "plate")).toBe("Этот госномер уже используется")
    expect(apiErrorOf(502, "<html>").code).toBe("FLEET_CLIENT_BAD_RESPONSE")
  })

  it("puts an error for no field, or a field the form lacks, above the form", () => {
    const weak = new ApiError(422, "FLEET_PASSWORD_WEAK", "too common", null)
    expect(placeSubmitFailure(weak, ["password"])).toEqual({ kind: "form", error: weak })
    const other = new ApiError(400, "FLEET_BODY_INVALID", "bad", "settings.currency")
    expect(placeSubmitFailure(other, ["name"]).kind).toBe("form")
  })

  it("validates a form with the contract's own schema through Standard Schema", () => {
    const form = Schema.toStandardSchemaV1(Schema.Struct({ phone: Phone }))
    const bad = form["~standard"].validate({ phone: "8 701" })
    const good = form["~standard"].validate({ phone: "+7 701 123 4567" })
    if (bad instanceof Promise || good instanceof Promise) throw new Error("expected synchronous validation")
    expect(bad.issues?.map((issue) => issue.path)).toEqual([["phone"]])
    expect(good.issues).toBeUndefined()
  })
})
