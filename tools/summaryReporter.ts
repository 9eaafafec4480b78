import type { Reporter, TestModule } from "vitest/node"

/**
 * Prints the slowest test files (where the suite's time goes), the tests that failed and then passed
 * on their retry (flaky: each is a defect to fix, named so it is not forgotten), then
 * "N passed, N failed, N skipped" alone on the last line, the plain summary CI reads.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    const flaky: string[] = []
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (test.diagnostic()?.flaky === true) flaky.push(`${module.relativeModuleId} > ${test.fullName}`)
        if (state === "passed") passed++
        else if (state === "failed") failed++
        else skipped++
      }
      if (module.state() === "failed" && module.children.size === 0) failed++
    }
    const slowest = modules
      .map((m) => ({ file: m.relativeModuleId, ms: m.diagnostic().duration }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 20)
    process.stdout.write("\nSlowest test files:\n")
    for (const { file, ms } of slowest)
      process.stdout.write(`${(ms / 1000).toFixed(1).padStart(7)} s  ${file}\n`)
    if (flaky.length > 0) {
      process.stdout.write(`\nFlaky (failed, then passed on the retry): ${flaky.length}\n`)
      for (const name of flaky) process.stdout.write(`  ${name}\n`)
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
