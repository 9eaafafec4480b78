import { cpus, totalmem } from "node:os"

/** The `machine` block of every benchmark result file, so results are compared like with like. */
export const machineInfo = () => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? "unknown",
  totalMemBytes: totalmem(),
  node: process.version,
})
