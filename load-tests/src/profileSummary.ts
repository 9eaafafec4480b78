import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) a summary needs. */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
    readonly children?: ReadonlyArray<number>
  }>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

export interface ProfileEntry {
  readonly name: string
  /** Share of all sampled time, idle included, in percent. */
  readonly percent: number
}

export interface ProfileSummary {
  readonly sampledS: number
  /** Share of the samples in which the thread waited for work. */
  readonly idlePercent: number
  readonly gcPercent: number
  readonly selfByFunction: ReadonlyArray<ProfileEntry>
  readonly selfByPackage: ReadonlyArray<ProfileEntry>
  /** Time spent in a function and everything it called (each function counted once per sample). */
  readonly inclusive: ReadonlyArray<ProfileEntry>
}

/** Where a script comes from: its npm package, its workspace package, `node:`, or V8's own entries. */
export const packageOf = (url: string, functionName: string): string => {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (inModules) return inModules[1] as string
  if (url.startsWith("node:")) return "node:"
  const workspace = /\/(api|contract|engine|ingest|platform|proto|server|load-tests)\/dist\//.exec(url)
  if (workspace) return `@fleetcore/${workspace[1]}`
  return url === "" ? functionName || "(native)" : url
}

const shortUrl = (url: string) => url.replace(/^.*\/node_modules\//, "").replace(/^.*\/(?=[^/]+\/dist\/)/, "")

const top = (times: Map<string, number>, total: number, count: number): ProfileEntry[] =>
  [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, t]) => ({ name, percent: Number(((100 * t) / total).toFixed(1)) }))

/** Self time by function and by package, and inclusive time of the functions whose name matches. */
export const summariseProfile = (profile: CpuProfile, count = 10, inclusiveOf = /./): ProfileSummary => {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id)
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const total = Math.max(
    1,
    [...self.values()].reduce((a, b) => a + b, 0),
  )
  const label = (id: number) => {
    const { functionName, url, lineNumber } = (nodes.get(id) as CpuProfile["nodes"][number]).callFrame
    return url === "" ? functionName : `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}`
  }
  const byFunction = new Map<string, number>()
  const byPackage = new Map<string, number>()
  const inclusive = new Map<string, number>()
  for (const [id, t] of self) {
    const { functionName, url } = (nodes.get(id) as CpuProfile["nodes"][number]).callFrame
    byFunction.set(label(id), (byFunction.get(label(id)) ?? 0) + t)
    const pkg = packageOf(url, functionName)
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t)
    const counted = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(at)
      if (counted.has(name) || !inclusiveOf.test(name)) continue
      counted.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + t)
    }
  }
  const share = (name: string) => Number(((100 * (byFunction.get(name) ?? 0)) / total).toFixed(1))
  return {
    sampledS: Number((total / 1e6).toFixed(1)),
    idlePercent: share("(idle)"),
    gcPercent: share("(garbage collector)"),
    selfByFunction: top(byFunction, total, count),
    selfByPackage: top(byPackage, total, count),
    inclusive: top(inclusive, total, count),
  }
}

const print = (file: string, s: ProfileSummary) => {
  const rows = (entries: ReadonlyArray<ProfileEntry>) =>
    entries.map((e) => `  ${e.percent.toFixed(1).padStart(5)}%  ${e.name}`).join("\n")
  console.log(`${file}: ${s.sampledS} s sampled, ${s.idlePercent}% idle, ${s.gcPercent}% garbage collection
self time by function
${rows(s.selfByFunction)}
self time by package
${rows(s.selfByPackage)}
inclusive time of FleetCore's functions
${rows(s.inclusive)}
`)
}

// `node load-tests/dist/profileSummary.js DIR [count]`: every profile `bench:ingest --profile DIR` wrote.
if (process.argv[1]?.endsWith("profileSummary.js")) {
  const dir = process.argv[2]
  if (dir === undefined) {
    console.error("usage: node load-tests/dist/profileSummary.js DIR [count]")
    process.exit(2)
  }
  const count = Number(process.argv[3] ?? 15)
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")))
    print(
      file,
      summariseProfile(
        JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile,
        count,
        / (api|contract|engine|ingest|platform|proto|server)\/dist\//,
      ),
    )
}
