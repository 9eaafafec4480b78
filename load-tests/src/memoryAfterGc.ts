import { createWriteStream } from "node:fs"
import { withInspector } from "./inspector.js"

/** Bytes in MiB, to a tenth, as the results files keep memory. */
export const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10

export interface MemoryAfterGc {
  /** Resident set size after the collection (V8 may keep freed pages: an upper bound). */
  readonly rssBytes: number
  /** What the JavaScript heap holds live, plus the memory outside it that JavaScript objects own. */
  readonly heapUsedBytes: number
  readonly externalBytes: number
}

/**
 * Asks a Node process started with `--inspect=127.0.0.1:<port>` (the DevTools protocol) to collect
 * all its garbage, then reads its `process.memoryUsage()`. Resident memory alone is noise here:
 * the server's young generation grows to 128 MiB under load and is released only as V8 sees fit,
 * so two readings a minute apart differ by more than 10,000 idle connections hold.
 */
export const memoryAfterGc = (inspectPort: number): Promise<MemoryAfterGc> =>
  withInspector(inspectPort, async ({ call }) => {
    // Twice: what the first collection's finalisers release is collected by the second.
    await call("HeapProfiler.collectGarbage")
    await call("HeapProfiler.collectGarbage")
    const evaluated = (await call("Runtime.evaluate", {
      expression: "JSON.stringify(process.memoryUsage())",
      returnByValue: true,
    })) as { result: { value: string } }
    const usage = JSON.parse(evaluated.result.value) as { rss: number; heapUsed: number; external: number }
    return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, externalBytes: usage.external }
  })

/** Writes a heap snapshot of the process (readable by Chrome's DevTools) to `file`. */
export const writeHeapSnapshot = (inspectPort: number, file: string): Promise<void> =>
  withInspector(inspectPort, async ({ call, on }) => {
    const out = createWriteStream(file)
    on("HeapProfiler.addHeapSnapshotChunk", (params) => out.write((params as { chunk: string }).chunk))
    await call("HeapProfiler.takeHeapSnapshot", { reportProgress: false })
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    )
  })
