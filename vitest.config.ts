import { defineConfig } from "vitest/config"

// Workspace packages resolve to their TypeScript sources ("source" export condition), so tests
// need no build of the packages they import. No "module" condition: it picks bundler builds (the
// AWS SDK's dist-es, with extension-less imports) that Node cannot load once externalised.
const conditions = ["source", "node", "development|production"]

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    pool: "forks",
    // A worker runs its files one after another in one process: each file no longer loads the
    // whole server again (that import was a fifth of the suite's time). Files share no state: each
    // starts its own FleetCore on its own folder and ports.
    isolate: false,
    reporters: ["default", "./tools/summaryReporter.ts"],
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["*/src/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["*/test/**/*.test.ts"],
          environment: "node",
          // Data-folder templates: initdb, migrations and the demo seed once per seed, not per file.
          globalSetup: ["./server/test/globalSetup.ts"],
          testTimeout: 120_000,
          // A test against a whole server and a browser, on two loaded cores, sometimes loses a race
          // with the machine rather than with the code: it runs once more before it counts as failed,
          // and the summary names every test that needed the second run (tools/summaryReporter.ts).
          retry: 1,
          hookTimeout: 120_000,
          // A page or an engine answers within seconds, later while the other test files load both
          // cores: polls wait up to 15 s (a poll that should fail still fails, 15 s later).
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
})
