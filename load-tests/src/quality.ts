import { parseArgs } from "node:util"
import { makeCommandLine } from "./commandLine.js"
import { machineInfo } from "./machineInfo.js"
import { CATEGORIES, type Category, isCategory } from "./quality/categories.js"
import { formatReport } from "./quality/formatReport.js"
import { generateTraces } from "./quality/generateFleet.js"
import { checkGoals } from "./quality/goals.js"
import { scoreTraces } from "./quality/scoreTraces.js"
import { writeResultsFile } from "./resultsFile.js"

const USAGE = `usage: npm run quality -- [--vehicles 4] [--days 2] [--seed 1] [--categories clean,gps_outage,…]
Generates a labelled fleet (--vehicles per category, each driving --days UTC days; the same seed gives
the same traces), runs the engine's rules over it in process in delivery order, prints mileage, trip
and event figures against the ground truth and writes load-tests/results/quality-<time>.json.
Categories: ${CATEGORIES.join(", ")}`

const { fail, number } = makeCommandLine("quality", USAGE)
const { values } = parseArgs({
  options: {
    vehicles: { type: "string", default: "4" },
    days: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    categories: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const vehicles = Math.round(number(values, "vehicles", 1, 1000))
const days = Math.round(number(values, "days", 1, 30))
const seed = Math.round(number(values, "seed", 0, 2 ** 32 - 1))
const categories: ReadonlyArray<Category> =
  values.categories === undefined
    ? CATEGORIES
    : values.categories.split(",").map((c) => (isCategory(c) ? c : fail(`unknown category ${c}`)))

const cpuBefore = process.cpuUsage()
const startedMs = Date.now()
const score = scoreTraces(generateTraces({ vehicles, days, seed, categories }), categories)
const cpu = process.cpuUsage(cpuBefore)
const goals = checkGoals(score)

const at = new Date().toISOString()
const file = writeResultsFile("quality", {
  at,
  machine: machineInfo(),
  options: { vehicles, days, seed, categories },
  timing: { wallS: (Date.now() - startedMs) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 },
  score,
  goals,
})
console.log(formatReport(score))
console.log("\ngoals (issue 10)")
for (const g of goals) console.log(`${g.met ? "met    " : "NOT MET"}  ${g.goal}: ${g.actual}`)
console.log(
  `\nseed ${seed}; generated and scored in ${((Date.now() - startedMs) / 1000).toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s\nresults ${file}`,
)
