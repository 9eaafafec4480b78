import { expect, it } from "vitest"
import { type CpuProfile, packageOf, summariseProfile } from "./profileSummary.js"

const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber })
// root → onTelemetry (engine) → stringify (native); root → (idle); root → (garbage collector)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)"), children: [2, 4, 5] },
    { id: 2, callFrame: frame("onTelemetry", "file:///repo/engine/dist/Engine.js", 81), children: [3] },
    { id: 3, callFrame: frame("stringify") },
    { id: 4, callFrame: frame("(idle)") },
    { id: 5, callFrame: frame("(garbage collector)") },
  ],
  samples: [2, 3, 3, 4, 4, 4, 4, 5, 5, 3],
  timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
}

it("splits sampled time into self time by function and package, and inclusive time", () => {
  const s = summariseProfile(profile, 10, / engine\/dist\//)
  expect(s.sampledS).toBe(0)
  expect(s.idlePercent).toBe(40)
  expect(s.gcPercent).toBe(20)
  expect(s.selfByFunction[0]).toEqual({ name: "(idle)", percent: 40 })
  expect(s.selfByFunction).toContainEqual({ name: "stringify", percent: 30 })
  expect(s.selfByFunction).toContainEqual({ name: "onTelemetry engine/dist/Engine.js:82", percent: 10 })
  expect(s.selfByPackage).toContainEqual({ name: "@fleetcore/engine", percent: 10 })
  expect(s.inclusive).toEqual([{ name: "onTelemetry engine/dist/Engine.js:82", percent: 40 }])
})

it("names the package a script belongs to", () => {
  expect(packageOf("file:///w/node_modules/@effect/x/dist/a.js", "f")).toBe("@effect/x")
  expect(packageOf("file:///w/node_modules/aedes/lib/client.js", "f")).toBe("aedes")
  expect(packageOf("node:internal/streams/writable", "f")).toBe("node:")
  expect(packageOf("file:///w/ingest/dist/MqttBroker.js", "f")).toBe("@fleetcore/ingest")
  expect(packageOf("", "(program)")).toBe("(program)")
})
