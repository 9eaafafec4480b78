import { type ChildProcess, execFile, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { createWriteStream } from "node:fs"
import { mkdir, writeFile } from "node:fs/promises"
import { connect } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { restartablePort } from "../ports.js"

/**
 * A real Apache Kafka broker for tests and benchmarks: single node, KRaft (broker and controller in
 * one JVM), its jars provisioned from Maven Central by `infra/kafka/provision.sh` (Java 17 and Maven
 * are on these machines). Its log goes to `<dataDir>/broker.log`. (platform/src/kafka and
 * platform/dist/kafka sit at the same depth, so the script is found from either.)
 */
export interface KafkaBroker {
  /** host:port of the PLAINTEXT listener. */
  readonly bootstrap: string
  readonly dataDir: string
  /** SIGTERM (a controlled shutdown), SIGKILL if it has not exited after `graceMs`. */
  readonly stop: (graceMs?: number) => Promise<void>
  /**
   * Kills the broker's process with SIGKILL (no shutdown of any kind) and starts a new one on the
   * same data folder and ports, after `downMs` (0: at once); resolves once it listens again.
   */
  readonly restart: (downMs?: number) => Promise<void>
}

const run = promisify(execFile)
const provisionScript = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "infra",
  "kafka",
  "provision.sh",
)

/** The folder of the broker's jars (provisioned on first use: about a minute from a cold Maven cache). */
export const kafkaLibs = async (): Promise<string> => {
  const { stdout } = await run(provisionScript, [], { maxBuffer: 1024 * 1024, timeout: 600_000 })
  return stdout.trim().split("\n").at(-1) ?? ""
}

/**
 * A KRaft cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid`
 * prints). Like Kafka's `Uuid.randomUuid`, never one starting with "-": the storage tool would read
 * it as an option (1 start in 64 failed before).
 */
export const clusterId = (): string => {
  for (;;) {
    const id = randomBytes(16).toString("base64url")
    if (!id.startsWith("-")) return id
  }
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1")
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
  })

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()))

export interface KafkaBrokerOptions {
  readonly dataDir: string
  /** Partitions of a topic created on first use. */
  readonly partitions?: number
  readonly heapMb?: number
}

export const startKafkaBroker = async (options: KafkaBrokerOptions): Promise<KafkaBroker> => {
  const libs = await kafkaLibs()
  const port = await restartablePort()
  const controllerPort = await restartablePort()
  const logDir = join(options.dataDir, "kraft")
  await mkdir(logDir, { recursive: true })
  const config = join(options.dataDir, "server.properties")
  await writeFile(
    config,
    [
      "process.roles=broker,controller",
      "node.id=1",
      `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      "controller.listener.names=CONTROLLER",
      "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
      "inter.broker.listener.name=PLAINTEXT",
      `log.dirs=${logDir}`,
      `num.partitions=${options.partitions ?? 4}`,
      "offsets.topic.replication.factor=1",
      "offsets.topic.num.partitions=4",
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1",
      "share.coordinator.state.topic.replication.factor=1",
      "share.coordinator.state.topic.min.isr=1",
      "group.initial.rebalance.delay.ms=0",
      "auto.create.topics.enable=true",
      "",
    ].join("\n"),
  )
  const classpath = join(libs, "*")
  const jvm = [
    `-Xmx${options.heapMb ?? 512}m`,
    "-XX:+UseSerialGC",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
  ]
  await run(
    "java",
    [
      ...jvm,
      "-cp",
      classpath,
      "kafka.tools.StorageTool",
      "format",
      "--standalone",
      "-t",
      clusterId(),
      "-c",
      config,
    ],
    {
      timeout: 120_000,
    },
  )
  let child = await launch(jvm, classpath, config, port, options.dataDir)
  return {
    bootstrap: `127.0.0.1:${port}`,
    dataDir: options.dataDir,
    stop: (graceMs) => stopBroker(child, graceMs),
    restart: async (downMs = 0) => {
      child.kill("SIGKILL")
      await exited(child)
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs))
      child = await launch(jvm, classpath, config, port, options.dataDir)
    },
  }
}

const stopBroker = async (child: ChildProcess, graceMs = 15_000): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill("SIGTERM")
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs)
  await exited(child)
  clearTimeout(timer)
}

/** Starts the broker's JVM on a formatted storage and waits until it listens. */
const launch = async (
  jvm: ReadonlyArray<string>,
  classpath: string,
  config: string,
  port: number,
  dataDir: string,
): Promise<ChildProcess> => {
  const log = createWriteStream(join(dataDir, "broker.log"), { flags: "a" })
  const child = spawn("java", [...jvm, "-cp", classpath, "kafka.Kafka", config], {
    stdio: ["ignore", "pipe", "pipe"],
  })
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  const deadline = Date.now() + 120_000
  while (!(await accepts(port))) {
    if (child.exitCode !== null)
      throw new Error(`the Kafka broker exited (${child.exitCode}): see ${dataDir}/broker.log`)
    if (Date.now() > deadline) {
      await stopBroker(child, 1000)
      throw new Error(`the Kafka broker did not listen on ${port} within 120 s: see ${dataDir}/broker.log`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return child
}
