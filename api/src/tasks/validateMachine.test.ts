import { explanationText, type TaskMachine } from "@fleetcore/contract"
import { describe, expect, it } from "vitest"
import { AD_HOC_MACHINE } from "./taskMachine.js"
import { validateMachine as validate } from "./validateMachine.js"

/** The first problem of `m` with its reason in English, or null. */
const validateMachine = (m: TaskMachine) => {
  const problem = validate(m)
  return problem === null
    ? null
    : { field: problem.field, message: explanationText({ path: [], ...problem.reason }, "en") }
}

const visit: TaskMachine = {
  states: [
    { key: "created", label: "Created", initial: true },
    { key: "in_progress", label: "In progress" },
    { key: "on_site", label: "On site" },
    { key: "completed", label: "Completed", final: true },
    { key: "cancelled", label: "Cancelled", final: true },
  ],
  transitions: [
    { from: "created", to: "in_progress" },
    { from: "in_progress", to: "on_site" },
    { from: "on_site", to: "completed", requires: { photo: true } },
    { from: "created", to: "cancelled" },
  ],
  triggers: [{ on: "geofence_enter", to: "on_site" }],
}

describe("validateMachine", () => {
  it("accepts a workflow with one initial state, finals and a reachable trigger target", () => {
    expect(validateMachine(visit)).toBeNull()
    expect(validateMachine(AD_HOC_MACHINE)).toBeNull()
  })

  it("refuses a machine without exactly one initial state, naming them", () => {
    const none = {
      ...visit,
      states: visit.states.map((s) => ({ key: s.key, label: s.label, final: s.final ?? false })),
    }
    expect(validateMachine(none)).toEqual({
      field: "states",
      message: "one state must be initial",
    })
    const two = { ...visit, states: visit.states.map((s, i) => (i === 1 ? { ...s, initial: true } : s)) }
    expect(validateMachine(two)?.message).toBe("only one state may be initial, not created, in_progress")
  })

  it("refuses a machine without a final state", () => {
    const states = visit.states.map(({ key, label, initial }) =>
      initial ? { key, label, initial } : { key, label },
    )
    expect(validateMachine({ ...visit, states })).toEqual({
      field: "states",
      message: "at least one state must be final",
    })
  })

  it("refuses a transition to an undeclared state, naming the transition's field", () => {
    const m = { ...visit, transitions: [...visit.transitions, { from: "on_site", to: "left_site" }] }
    expect(validateMachine(m)).toEqual({
      field: "transitions[4].to",
      message: 'state "left_site" is not declared',
    })
  })

  it("refuses a transition out of a final state", () => {
    const m = { ...visit, transitions: [...visit.transitions, { from: "completed", to: "in_progress" }] }
    expect(validateMachine(m)).toEqual({
      field: "transitions[4].from",
      message: '"completed" is final: no transition may leave it',
    })
  })

  it("refuses duplicate state keys and duplicate transitions", () => {
    const states = [...visit.states, { key: "on_site", label: "Again" }]
    expect(validateMachine({ ...visit, states })?.field).toBe("states[5].key")
    const transitions = [...visit.transitions, { from: "created", to: "in_progress" }]
    expect(validateMachine({ ...visit, transitions })).toEqual({
      field: "transitions[4]",
      message: 'the transition from "created" to "in_progress" is declared twice',
    })
  })

  it("refuses a trigger whose state no transition reaches from the initial state", () => {
    const m = {
      ...visit,
      states: [...visit.states, { key: "left_site", label: "Left site" }],
      triggers: [...visit.triggers, { on: "geofence_exit" as const, to: "left_site" }],
    }
    expect(validateMachine(m)).toEqual({
      field: "triggers[1].to",
      message: 'state "left_site" cannot be reached from the initial state by any transition',
    })
  })

  it("wants minutes on the ignition trigger alone, and a DTC trigger to open tasks in an open state", () => {
    const withTrigger = (t: TaskMachine["triggers"][number]) => ({
      ...visit,
      triggers: [...visit.triggers, t],
    })
    expect(validateMachine(withTrigger({ on: "ignition_off", to: "on_site", minutes: 5 }))).toBeNull()
    expect(validateMachine(withTrigger({ on: "ignition_off", to: "on_site" }))).toEqual({
      field: "triggers[1].minutes",
      message: "an ignition trigger needs its minutes",
    })
    expect(validateMachine(withTrigger({ on: "dtc", to: "created", minutes: 5 }))?.field).toBe(
      "triggers[1].minutes",
    )
    expect(validateMachine(withTrigger({ on: "dtc", to: "completed" }))).toEqual({
      field: "triggers[1].to",
      message: 'a task cannot be opened in the final state "completed"',
    })
  })

  it("refuses two triggers for one event", () => {
    const m = { ...visit, triggers: [...visit.triggers, { on: "geofence_enter" as const, to: "completed" }] }
    expect(validateMachine(m)?.field).toBe("triggers[1].on")
  })
})
