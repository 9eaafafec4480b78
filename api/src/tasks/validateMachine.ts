import type { TaskMachine } from "@fleetcore/contract"

/** What is wrong with a workflow: the field (`states[1].key`, `transitions[2].to`) and why. */
export interface MachineProblem {
  readonly field: string
  readonly message: string
}

/**
 * Checks a template's workflow: unique state keys, exactly one initial state (not final), at least
 * one final state, transitions only between declared states (no duplicates, no self-loops, none
 * leaving a final state), triggers into declared states reachable from the initial one, one trigger
 * per event, minutes on the ignition trigger alone, a DTC trigger opening tasks in an open state. Returns the first problem, or null for a valid machine.
 */
export const validateMachine = (m: TaskMachine): MachineProblem | null => {
  const keys = new Set<string>()
  for (const [i, s] of m.states.entries()) {
    if (keys.has(s.key)) return { field: `states[${i}].key`, message: `state "${s.key}" is declared twice` }
    keys.add(s.key)
    if (s.initial === true && s.final === true)
      return { field: `states[${i}]`, message: `state "${s.key}" cannot be both initial and final` }
  }
  const initials = m.states.filter((s) => s.initial === true)
  if (initials.length !== 1)
    return {
      field: "states",
      message: `exactly one state must be initial, found ${initials.length}${
        initials.length > 1 ? ` (${initials.map((s) => s.key).join(", ")})` : ""
      }`,
    }
  const finals = new Set(m.states.filter((s) => s.final === true).map((s) => s.key))
  if (finals.size === 0) return { field: "states", message: "at least one state must be final" }

  const edges = new Set<string>()
  for (const [i, t] of m.transitions.entries()) {
    for (const end of ["from", "to"] as const)
      if (!keys.has(t[end]))
        return { field: `transitions[${i}].${end}`, message: `state "${t[end]}" is not declared` }
    if (t.from === t.to)
      return { field: `transitions[${i}].to`, message: `a transition cannot lead from "${t.from}" to itself` }
    if (finals.has(t.from))
      return {
        field: `transitions[${i}].from`,
        message: `"${t.from}" is final: no transition may leave it`,
      }
    const edge = `${t.from}→${t.to}`
    if (edges.has(edge))
      return { field: `transitions[${i}]`, message: `transition ${edge} is declared twice` }
    edges.add(edge)
  }

  const reachable = reachableFrom(m, (initials[0] as { key: string }).key)
  const events = new Set<string>()
  for (const [i, t] of m.triggers.entries()) {
    if (events.has(t.on)) return { field: `triggers[${i}].on`, message: `"${t.on}" has two triggers` }
    events.add(t.on)
    if (t.on === "ignition_off" && t.minutes === undefined)
      return { field: `triggers[${i}].minutes`, message: "an ignition trigger needs its minutes" }
    if (t.on !== "ignition_off" && t.minutes !== undefined)
      return { field: `triggers[${i}].minutes`, message: "only an ignition trigger takes minutes" }
    if (t.on === "dtc" && finals.has(t.to))
      return { field: `triggers[${i}].to`, message: `a task cannot be opened in the final state "${t.to}"` }
    if (!keys.has(t.to)) return { field: `triggers[${i}].to`, message: `state "${t.to}" is not declared` }
    if (!reachable.has(t.to))
      return {
        field: `triggers[${i}].to`,
        message: `state "${t.to}" cannot be reached from the initial state by any transition`,
      }
  }
  return null
}

/** The states a task can reach from `start` by the machine's transitions (start included). */
const reachableFrom = (m: TaskMachine, start: string): ReadonlySet<string> => {
  const seen = new Set([start])
  const queue = [start]
  for (let next = queue.shift(); next !== undefined; next = queue.shift())
    for (const t of m.transitions)
      if (t.from === next && !seen.has(t.to)) {
        seen.add(t.to)
        queue.push(t.to)
      }
  return seen
}
