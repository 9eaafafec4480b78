import type { TaskMachine } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { describe, expect, it } from "vitest"
import { checkTransition } from "./checkTransition.js"

const m: TaskMachine = {
  states: [
    { key: "created", label: "Created", initial: true },
    { key: "on_site", label: "On site" },
    { key: "completed", label: "Completed", final: true },
    { key: "cancelled", label: "Cancelled", final: true },
  ],
  transitions: [
    { from: "created", to: "on_site" },
    { from: "created", to: "cancelled", requires: { comment: true } },
    {
      from: "on_site",
      to: "completed",
      requires: { photo: true, checklist: ["Tyres checked", "Keys returned"], signature: true },
    },
  ],
  triggers: [],
}

const photo = { id: "p", kind: "photo", mimeType: "image/jpeg" }
const pdf = { id: "d", kind: "act", mimeType: "application/pdf" }

const refusal = (
  f: () => unknown,
): { status: number; code: string; field: string | null; message: string } => {
  try {
    f()
  } catch (e) {
    if (e instanceof HttpError)
      return { status: e.status, code: e.code, field: e.field, message: e.detail ?? e.message }
    throw e
  }
  throw new Error("the step was accepted")
}

describe("checkTransition", () => {
  it("refuses a step the machine does not declare with 409, naming the allowed states", () => {
    expect(refusal(() => checkTransition(m, "created", { to: "completed", attachments: [] }))).toEqual({
      status: 409,
      code: "FLEET_TASK_TRANSITION_INVALID",
      field: "to",
      message: 'a task in "created" cannot move to "completed"; allowed: on_site, cancelled',
    })
  })

  it("refuses any step out of a final state", () => {
    expect(refusal(() => checkTransition(m, "completed", { to: "on_site", attachments: [] })).message).toBe(
      '"completed" is final: the task cannot move to "on_site"',
    )
  })

  it("names the missing comment, photo, checklist items and signature with 422", () => {
    expect(
      refusal(() => checkTransition(m, "created", { to: "cancelled", comment: "  ", attachments: [] })),
    ).toMatchObject({ status: 422, code: "FLEET_TASK_REQUIREMENT_MISSING", field: "comment" })
    expect(refusal(() => checkTransition(m, "on_site", { to: "completed", attachments: [pdf] })).field).toBe(
      "photo",
    )
    expect(
      refusal(() =>
        checkTransition(m, "on_site", {
          to: "completed",
          attachments: [photo],
          checklist: ["Tyres checked"],
        }),
      ).message,
    ).toBe('moving to "completed" needs every checklist item; not ticked: Keys returned')
    expect(
      refusal(() =>
        checkTransition(m, "on_site", {
          to: "completed",
          attachments: [photo],
          checklist: ["Tyres checked", "Keys returned"],
        }),
      ).field,
    ).toBe("signature")
  })

  it("lets a step with everything it requires through", () => {
    const step = {
      to: "completed",
      attachments: [photo],
      checklist: ["Keys returned", "Tyres checked"],
      signature: { id: "s", kind: "other", mimeType: "image/png" },
    }
    expect(checkTransition(m, "on_site", step).to).toBe("completed")
    expect(
      checkTransition(m, "created", { to: "cancelled", comment: "customer called off", attachments: [] }).to,
    ).toBe("cancelled")
  })
})
