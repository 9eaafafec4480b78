import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/** The commit whose live map this benchmark compares with: the parent of the one that made the map scale. */
export const baselineCommit = (repo: string): string => {
  const introduced = execFileSync(
    "git",
    ["log", "--diff-filter=A", "--format=%H", "--", "api/src/vehicles/liveMapSnapshot.ts"],
    { cwd: repo, encoding: "utf8" },
  )
    .trim()
    .split("\n")
    .at(-1)
  if (!introduced) throw new Error("cannot find the commit that introduced the compact live map snapshot")
  return execFileSync("git", ["rev-parse", `${introduced}^`], { cwd: repo, encoding: "utf8" }).trim()
}

/**
 * The dashboard of `commit`, built once into `load-tests/.bench/<commit>/dashboard/dist` (ignored by
 * git). The tree sits inside the repository so its imports resolve through the repository's own
 * node_modules (the workspace packages too: the contract still declares the old snapshot).
 */
export const buildDashboardOf = (repo: string, commit: string): string => {
  const root = join(repo, "load-tests", ".bench", commit)
  const dist = join(root, "dashboard", "dist")
  if (existsSync(join(dist, "index.html"))) return dist
  rmSync(root, { recursive: true, force: true })
  mkdirSync(root, { recursive: true })
  const archive = execFileSync(
    "git",
    ["archive", "--format=tar", commit, "dashboard", "tsconfig.base.json"],
    {
      cwd: repo,
      maxBuffer: 512 * 1024 * 1024,
    },
  )
  execFileSync("tar", ["-x", "-C", root], { input: archive })
  // Its project references (../proto, ../contract) are not beside it: the build needs only the options.
  const tsconfigPath = join(root, "dashboard", "tsconfig.json")
  const tsconfig = JSON.parse(readFileSync(tsconfigPath, "utf8")) as Record<string, unknown>
  delete tsconfig.references
  writeFileSync(tsconfigPath, JSON.stringify(tsconfig, null, 2))
  execFileSync(join(repo, "node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], {
    cwd: join(root, "dashboard"),
    stdio: "inherit",
  })
  return dist
}
