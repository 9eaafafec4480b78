import { type ChildProcess, fork } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { GeneratorCommand, GeneratorReport } from "./connectionGenerator.js"
import { writeResultsFile } from "./resultsFile.js"

type Wave = Extract<GeneratorReport, { kind: "wave" }>

/** Devices one generator connects to one MQTT listener. */
export interface ConnectionTarget {
  readonly host: string
  readonly port: number
  readonly ids: ReadonlyArray<string>
}

/** A wave over every generator: how many got in, how many gave up, and when the last one finished. */
export interface WaveResult {
  readonly connected: number
  readonly failed: number
  readonly ms: number
}

/**
 * The connection benchmark's generators, each a process of its own (`connectionGenerator.ts`):
 * one process may hold as many sockets as the file-descriptor limit allows, so 100,000 devices
 * take several. A wave sends each generator its target at the same moment; its time is the
 * slowest generator's.
 */
export class ConnectionGenerators {
  private readonly open: number[]
  private readonly connected: number[]
  private lastProgressMs = 0

  /** Each generator's wave under way: what its report resolves. */
  private readonly pending: Array<((wave: Wave) => void) | undefined>

  private constructor(private readonly children: ReadonlyArray<ChildProcess>) {
    this.open = children.map(() => 0)
    this.connected = children.map(() => 0)
    this.pending = children.map(() => undefined)
    children.forEach((child, i) => {
      child.on("message", (report: GeneratorReport) => {
        if (report.kind === "open") this.open[i] = report.open
        else if (report.kind === "progress") this.progress(i, report.connected, report.ms)
        else {
          const resolve = this.pending[i]
          this.pending[i] = undefined
          resolve?.(report)
        }
      })
    })
  }

  static start(count: number): ConnectionGenerators {
    const script = join(dirname(fileURLToPath(import.meta.url)), "connectionGenerator.js")
    return new ConnectionGenerators(
      Array.from({ length: count }, () =>
        fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }),
      ),
    )
  }

  /** Sessions the generators hold open (as they last reported, once a second). */
  get held(): number {
    return this.open.reduce((a, b) => a + b, 0)
  }

  /** Connects every target's devices not connected yet (one target per generator, in order). */
  async connect(
    targets: ReadonlyArray<ConnectionTarget>,
    secret: string,
    inFlight: number,
  ): Promise<WaveResult> {
    if (targets.length > this.children.length)
      throw new Error(`${targets.length} targets for ${this.children.length} generators`)
    const started = performance.now()
    const waves = await Promise.all(
      targets.map((target, i) => this.wave(i, { cmd: "connect", ...target, secret, inFlight })),
    )
    return {
      connected: waves.reduce((n, w) => n + w.connected, 0),
      failed: waves.reduce((n, w) => n + w.failed, 0),
      ms: Math.max(performance.now() - started, ...waves.map((w) => w.ms)),
    }
  }

  close(): void {
    for (const child of this.children) child.send({ cmd: "close" } satisfies GeneratorCommand)
  }

  private wave(i: number, command: GeneratorCommand): Promise<Wave> {
    return new Promise((resolve) => {
      this.pending[i] = resolve
      this.connected[i] = 0
      ;(this.children[i] as ChildProcess).send(command)
    })
  }

  /** Prints the devices connected so far in this wave, at most every 5 s. */
  private progress(i: number, connected: number, ms: number): void {
    this.connected[i] = connected
    const now = performance.now()
    if (now - this.lastProgressMs < 5_000) return
    this.lastProgressMs = now
    const total = this.connected.reduce((a, b) => a + b, 0)
    console.log(`  … ${total} in after ${Math.round(ms / 1000)} s`)
  }
}

/** A wave's figures as the results files keep them; a restart's seconds count from the server being ready. */
export const waveFigures = (wave: WaveResult) => ({
  connected: wave.connected,
  failed: wave.failed,
  seconds: wave.ms / 1000,
  perS: wave.connected / (wave.ms / 1000),
})

export const restartFigures = (wave: WaveResult) => {
  const { seconds, ...rest } = waveFigures(wave)
  return { ...rest, secondsAfterReady: seconds }
}

/** Writes the result to `load-tests/results` (`writeResultsFile`), prints it and the file. */
export const writeConnectionResult = <T extends { readonly at: string }>(prefix: string, result: T): void => {
  const file = writeResultsFile(prefix, result)
  console.log(JSON.stringify(result, null, 2))
  console.log(`results: ${file}`)
}
