// Generates the static protobuf module and its typings from telemetry.proto (devices) and bus.proto
// (the durable log's records), into src/generated
// (read by tests and by tsc) and dist/generated (what the built package loads).
import { execFileSync } from "node:child_process"
import { copyFileSync, mkdirSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const require = createRequire(import.meta.url)
const cli = dirname(require.resolve("protobufjs-cli/package.json"))
const src = join(root, "src", "generated")
const dist = join(root, "dist", "generated")
mkdirSync(src, { recursive: true })
mkdirSync(dist, { recursive: true })
const js = join(src, "telemetry.js")
const dts = join(src, "telemetry.d.ts")
execFileSync(
  process.execPath,
  [
    join(cli, "bin", "pbjs"),
    "-t",
    "static-module",
    "-w",
    "es6",
    "--no-verify",
    "--no-delimited",
    "--no-service",
    "-o",
    js,
    join(root, "telemetry.proto"),
    join(root, "bus.proto"),
  ],
  { stdio: "inherit" },
)
execFileSync(process.execPath, [join(cli, "bin", "pbts"), "-o", dts, js], { stdio: "inherit" })
for (const f of ["telemetry.js", "telemetry.d.ts"]) copyFileSync(join(src, f), join(dist, f))
