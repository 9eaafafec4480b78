import { type Reason, reason, type TaskMachine } from "@fleetcore/contract"

/** What is wrong with a workflow: the field (`states[1].key`, `transitions[2].to`) and why. */
export interface MachineProblem {
  readonly field: string
  readonly reason: Reason
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
    if (keys.has(s.key)) return { field: `states[${i}].key`, reason: reason("stateTwice", { state: s.key }) }
    keys.add(s.key)
    if (s.initial === true && s.final === true)
      return { field: `states[${i}]`, reason: reason("initialAndFinal", { state: s.key }) }
  }
  const initials = m.states.filter((s) => s.initial === true)
  if (initials.length !== 1)
    return {
      field: "states",
      reason:
        initials.length === 0
          ? reason("noInitial")
          : reason("manyInitials", { states: { codes: initials.map((s) => s.key) } }),
    }
  const finals = new Set(m.states.filter((s) => s.final === true).map((s) => s.key))
  if (finals.size === 0) return { field: "states", reason: reason("oneFinal") }

  const edges = new Set<string>()
  for (const [i, t] of m.transitions.entries()) {
    for (const end of ["from", "to"] as const)
      if (!keys.has(t[end]))
        return { field: `transitions[${i}].${end}`, reason: reason("stateUndeclared", { state: t[end] }) }
    if (t.from === t.to)
      return { field: `transitions[${i}].to`, reason: reason("selfTransition", { state: t.from }) }
    if (finals.has(t.from))
      return {
        field: `transitions[${i}].from`,
        reason: reason("leavesFinal", { state: t.from }),
      }
    const edge = `${t.from}→${t.to}`
    if (edges.has(edge))
      return { field: `transitions[${i}]`, reason: reason("transitionTwice", { from: t.from, to: t.to }) }
    edges.add(edge)
  }

  const reachable = reachableFrom(m, (initials[0] as { key: string }).key)
  const events = new Set<string>()
  for (const [i, t] of m.triggers.entries()) {
    if (events.has(t.on))
      return { field: `triggers[${i}].on`, reason: reason("triggerTwice", { event: t.on }) }
    events.add(t.on)
    if (t.on === "ignition_off" && t.minutes === undefined)
      return { field: `triggers[${i}].minutes`, reason: reason("ignitionNeedsMinutes") }
    if (t.on !== "ignition_off" && t.minutes !== undefined)
      return { field: `triggers[${i}].minutes`, reason: reason("minutesIgnitionOnly") }
    if (t.on === "dtc" && finals.has(t.to))
      return { field: `triggers[${i}].to`, reason: reason("openedInFinal", { state: t.to }) }
    if (!keys.has(t.to))
      return { field: `triggers[${i}].to`, reason: reason("stateUndeclared", { state: t.to }) }
    if (!reachable.has(t.to))
      return {
        field: `triggers[${i}].to`,
        reason: reason("unreachable", { state: t.to }),
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
