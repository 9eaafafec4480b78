import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { SERVER_NODE_FLAGS } from "./FleetServerProcess.js"

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const read = (file: string) => readFileSync(join(repo, file), "utf8")

describe("the server the benchmarks start", () => {
  it("runs with the Node flags that npm start, npm run fleetcore, bench:rules and the Docker image give it", () => {
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts
    const flagsOf = (command: string | undefined) =>
      (command ?? "").match(/\bnode((?: --[\w-]+=\S+)*) /u)?.[1]
    const expected = SERVER_NODE_FLAGS.map((flag) => ` ${flag}`).join("")
    for (const name of ["start", "fleetcore", "bench:rules"])
      expect(flagsOf(scripts[name]), name).toBe(expected)
    const entrypoint = read("Dockerfile").match(
      /^ENTRYPOINT \["node", (.*), "server\/dist\/cli\.js"\]$/mu,
    )?.[1]
    expect(entrypoint).toBe(SERVER_NODE_FLAGS.map((flag) => JSON.stringify(flag)).join(", "))
  })
})
