import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

/** `load-tests/results`, where every benchmark keeps its figures (this module runs from `load-tests/dist`). */
const RESULTS_DIR = fileURLToPath(new URL("../results/", import.meta.url))

/**
 * Writes a benchmark's result as `load-tests/results/<prefix>-<at>.json` (its `at` with `:` and `.`
 * made file-name safe, so files sort by time) and returns the file's path.
 */
export const writeResultsFile = <T extends { readonly at: string }>(prefix: string, result: T): string => {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${prefix}-${result.at.replace(/[:.]/gu, "-")}.json`)
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)
  return file
}
