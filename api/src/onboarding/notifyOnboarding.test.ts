import { describe, expect, it } from "vitest"
import { renderNotification } from "../notifications/texts/renderNotification.js"
import { onboardingRecipientRoles } from "./notifyOnboarding.js"

describe("onboarding notifications", () => {
  it("go to the approvers for a step awaiting them and to the assigners for a decision, never to drivers", () => {
    expect(onboardingRecipientRoles("onboarding_vehicle_review")).toEqual(["owner", "admin", "manager"])
    expect(onboardingRecipientRoles("onboarding_driver_review")).toEqual(["owner", "admin", "manager"])
    expect(onboardingRecipientRoles("onboarding_driver_decided")).toEqual([
      "owner",
      "admin",
      "manager",
      "dispatcher",
    ])
    expect(onboardingRecipientRoles("overspeed")).toBeUndefined()
  })

  it("read in the reader's language, naming the stage and the record", () => {
    const params = { kind: "driver", stage: "training", record: "Aigerim Sadykova", notes: "" }
    expect(renderNotification("onboarding_review", params, "en", "UTC")?.title).toBe(
      "Driver awaits training: Aigerim Sadykova",
    )
    expect(renderNotification("onboarding_review", params, "ru", "UTC")?.title).toBe(
      "Водитель ждёт обучения: Aigerim Sadykova",
    )
    const rejected = {
      kind: "vehicle",
      stage: "rejected",
      record: "Porter (555 NEW 02)",
      notes: "Frame corrosion",
    }
    expect(renderNotification("onboarding_decided", rejected, "tr", "UTC")).toEqual({
      title: "Araç reddedildi: Porter (555 NEW 02)",
      body: "Porter (555 NEW 02) reddedildi. Frame corrosion",
    })
  })
})
