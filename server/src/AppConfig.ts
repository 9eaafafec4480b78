import { DEFAULT_POSITIONS_FLUSH_MS } from "@fleetcore/engine"
import { DEFAULT_BACKGROUND_NICE } from "@fleetcore/platform"
import { Config, ConfigProvider, Option, type Redacted, Schema } from "effect"
import { parseRoles, ROLES_PATTERN, type Role } from "./roles/Roles.js"

/**
 * Everything FleetCore reads from its environment, in one place. Unset store URLs select the
 * embedded engines (PostgreSQL from npm, chDB) under FLEET_DATA_DIR. See README "Configuration".
 */
export interface AppConfig {
  /** `FLEET_ROLES` (or `fleetcore <roles>`): what this process runs; every role by default. */
  readonly roles: ReadonlyArray<Role>
  readonly dataDir: string
  readonly host: string
  readonly httpPort: number
  readonly mqttPort: number
  readonly mqttWsPort: number
  /** Teltonika trackers' TCP port (Codec 8 / 8E); 0: not listened on. */
  readonly teltonikaPort: number
  /** Concox GT06 trackers' TCP port; 0: not listened on. */
  readonly gt06Port: number
  readonly postgresPort: number
  readonly databaseUrl: Option.Option<Redacted.Redacted<string>>
  readonly clickhouseUrl: Option.Option<Redacted.Redacted<string>>
  readonly jwtSecret: Option.Option<Redacted.Redacted<string>>
  readonly accessTokenTtlS: number
  readonly refreshTokenTtlS: number
  readonly simulatorVehicles: number
  readonly simulatorIntervalMs: number
  readonly seedDemo: boolean
  /** `full`: the demo fleet at scale (500+ vehicles, a year of records); `small`: accounts and simulator vehicles only. */
  readonly demoScale: "full" | "small"
  readonly demoAdminPassword: Option.Option<Redacted.Redacted<string>>
  readonly mapStyleUrl: Option.Option<string>
  readonly publicUrl: Option.Option<string>
  readonly logLevel: string
  readonly busPartitions: number
  /** Most bytes the durable bus log may hold while consumers (the stores) are behind. */
  readonly busDiskBudgetBytes: number
  /** How often a vehicle's whole rule state is written to Postgres, at most (FLEET_RULE_SNAPSHOT_SECONDS). */
  readonly ruleSnapshotSeconds: number
  /** `FLEET_RULES_THREAD`: the rules on the engine's thread, or on a worker thread of their own. */
  readonly rulesThread: "main" | "worker"
  /**
   * `FLEET_POSITIONS_FLUSH_MS`: how long new points wait in `positions_buffer` for their flush into
   * `positions` (embedded chDB and durable log only); 0 inserts them into `positions` directly.
   */
  readonly positionsFlushMs: number
  /**
   * `FLEET_BACKGROUND_NICE`: the nice value of every thread but the one serving sockets (chDB's,
   * the rules', libuv's and V8's helpers); 0 leaves them level with it.
   */
  readonly backgroundNice: number
  /** When an acknowledged point reaches the device, not just the OS (see DurableLogBusOptions). */
  readonly busDurability: "always" | "interval"
  /** `FLEET_BUS`: the embedded log (default) or Kafka at `FLEET_KAFKA_BROKERS` (scale-out). */
  readonly bus: BusTransportConfig
  readonly metricsToken: Option.Option<Redacted.Redacted<string>>
  /** Check every API answer against its declared schema (500 on a mismatch): on in tests. */
  readonly checkResponses: boolean
  /**
   * `Secure` on the dashboard's session cookies. Off only for plain-HTTP trials on a LAN (browsers
   * keep Secure cookies on http://localhost and 127.0.0.1 anyway).
   */
  readonly cookieSecure: boolean
  /** S3-compatible storage for documents; none: a folder under the data dir. */
  readonly documentsS3: Option.Option<DocumentsS3Config>
}

export type BusTransportConfig =
  | { readonly kind: "log" }
  | { readonly kind: "kafka"; readonly brokers: ReadonlyArray<string> }

const PORT = "(?:[1-9]\\d{0,3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5])"
const HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])"
const BROKER = `${HOST}:${PORT}`
/** `FLEET_KAFKA_BROKERS`: host:port[,host:port…], e.g. `kafka-1:9092,kafka-2:9092`. */
export const KafkaBrokers = Schema.String.check(
  Schema.isPattern(new RegExp(`^${BROKER}(?:,${BROKER})*$`, "u"), {
    message:
      "FLEET_KAFKA_BROKERS must be host:port[,host:port…] with ports 1-65535, e.g. kafka-1:9092,kafka-2:9092",
  }),
)

/** `FLEET_DOCUMENTS_S3_*`: set the bucket to store documents in S3 instead of `FLEET_DATA_DIR/documents`. */
export interface DocumentsS3Config {
  readonly bucket: string
  readonly region: string
  readonly endpoint: Option.Option<string>
  readonly forcePathStyle: boolean
  /** Both or neither; neither: the AWS SDK's default credential chain (instance role, AWS_* variables). */
  readonly accessKeyId: Option.Option<Redacted.Redacted<string>>
  readonly secretAccessKey: Option.Option<Redacted.Redacted<string>>
}

export const AppConfigFromEnv: Config.Config<AppConfig> = Config.all({
  roles: Config.schema(
    Schema.String.check(
      Schema.isPattern(ROLES_PATTERN, {
        message: "FLEET_ROLES must be all or a comma-separated list of ingest, engine, api (e.g. engine,api)",
      }),
    ),
    "FLEET_ROLES",
  ).pipe(Config.withDefault("all"), Config.map(parseRoles)),
  dataDir: Config.String("FLEET_DATA_DIR").pipe(Config.withDefault("./data")),
  host: Config.String("FLEET_HOST").pipe(Config.withDefault("0.0.0.0")),
  httpPort: Config.Port("FLEET_HTTP_PORT").pipe(Config.withDefault(8080)),
  mqttPort: Config.Port("FLEET_MQTT_PORT").pipe(Config.withDefault(1883)),
  mqttWsPort: Config.Port("FLEET_MQTT_WS_PORT").pipe(Config.withDefault(8083)),
  teltonikaPort: Config.schema(
    Schema.FiniteFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 65_535 })),
    "FLEET_TELTONIKA_PORT",
  ).pipe(Config.withDefault(5027)),
  gt06Port: Config.schema(
    Schema.FiniteFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 65_535 })),
    "FLEET_GT06_PORT",
  ).pipe(Config.withDefault(5023)),
  postgresPort: Config.Port("FLEET_POSTGRES_PORT").pipe(Config.withDefault(54329)),
  databaseUrl: Config.option(Config.Redacted("DATABASE_URL")),
  clickhouseUrl: Config.option(Config.Redacted("CLICKHOUSE_URL")),
  jwtSecret: Config.option(Config.Redacted("FLEET_JWT_SECRET")),
  accessTokenTtlS: Config.Int("FLEET_ACCESS_TOKEN_TTL_S").pipe(Config.withDefault(900)),
  refreshTokenTtlS: Config.Int("FLEET_REFRESH_TOKEN_TTL_S").pipe(Config.withDefault(30 * 24 * 3600)),
  simulatorVehicles: Config.Int("FLEET_SIMULATOR_VEHICLES").pipe(Config.withDefault(12)),
  simulatorIntervalMs: Config.Int("FLEET_SIMULATOR_INTERVAL_MS").pipe(Config.withDefault(1000)),
  seedDemo: Config.Boolean("FLEET_SEED_DEMO").pipe(Config.withDefault(true)),
  demoScale: Config.Literals(["full", "small"], "FLEET_DEMO_SCALE").pipe(Config.withDefault("full" as const)),
  demoAdminPassword: Config.option(Config.Redacted("FLEET_DEMO_ADMIN_PASSWORD")),
  mapStyleUrl: Config.option(Config.String("FLEET_MAP_STYLE_URL")),
  publicUrl: Config.option(Config.String("FLEET_PUBLIC_URL")),
  logLevel: Config.Literals(["trace", "debug", "info", "warn", "error"], "FLEET_LOG_LEVEL").pipe(
    Config.withDefault("info" as const),
  ),
  busPartitions: Config.Int("FLEET_BUS_PARTITIONS").pipe(Config.withDefault(8)),
  // A minute: at 100,000 vehicles reporting every 5 s, states written each second would be ~80 MB/s
  // of JSON; after a crash a vehicle re-runs at most this much of its points.
  ruleSnapshotSeconds: Config.schema(
    Schema.FiniteFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 3600 })),
    "FLEET_RULE_SNAPSHOT_SECONDS",
  ).pipe(Config.withDefault(60)),
  positionsFlushMs: Config.schema(
    Schema.FiniteFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 60_000 })),
    "FLEET_POSITIONS_FLUSH_MS",
  ).pipe(Config.withDefault(DEFAULT_POSITIONS_FLUSH_MS)),
  // Their own thread by default: at thousands of vehicles the rule states are most of what the
  // main thread's young-generation collections copy (docs/architecture.md, session 35).
  rulesThread: Config.Literals(["main", "worker"], "FLEET_RULES_THREAD").pipe(
    Config.withDefault("worker" as const),
  ),
  backgroundNice: Config.schema(
    Schema.FiniteFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 19 })),
    "FLEET_BACKGROUND_NICE",
  ).pipe(Config.withDefault(DEFAULT_BACKGROUND_NICE)),
  busDiskBudgetBytes: Config.schema(
    Schema.FiniteFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 64, maximum: 10_000_000 })),
    "FLEET_BUS_DISK_BUDGET_MB",
  ).pipe(
    Config.withDefault(2048),
    Config.map((mb) => mb * 1024 * 1024),
  ),
  busDurability: Config.Literals(["always", "interval"], "FLEET_BUS_FSYNC").pipe(
    Config.withDefault("interval" as const),
  ),
  bus: Config.Literals(["log", "kafka"], "FLEET_BUS").pipe(
    Config.withDefault("log" as const),
    Config.flatMap(
      (kind): Config.Config<BusTransportConfig> =>
        kind === "log"
          ? Config.succeed({ kind })
          : Config.option(Config.schema(KafkaBrokers, "FLEET_KAFKA_BROKERS")).pipe(
              Config.flatMap(
                Option.match({
                  onNone: () =>
                    Config.fail(
                      new ConfigProvider.SourceError({
                        message: "FLEET_BUS=kafka needs FLEET_KAFKA_BROKERS (host:port[,host:port…])",
                      }),
                    ),
                  onSome: (list) => Config.succeed({ kind, brokers: list.split(",") }),
                }),
              ),
            ),
    ),
  ),
  metricsToken: Config.option(Config.Redacted("FLEET_METRICS_TOKEN")),
  checkResponses: Config.Boolean("FLEET_API_CHECK_RESPONSES").pipe(Config.withDefault(false)),
  cookieSecure: Config.Boolean("FLEET_COOKIE_SECURE").pipe(Config.withDefault(true)),
  documentsS3: Config.option(
    Config.all({
      bucket: Config.String("FLEET_DOCUMENTS_S3_BUCKET"),
      region: Config.String("FLEET_DOCUMENTS_S3_REGION").pipe(Config.withDefault("us-east-1")),
      endpoint: Config.option(Config.String("FLEET_DOCUMENTS_S3_ENDPOINT")),
      forcePathStyle: Config.Boolean("FLEET_DOCUMENTS_S3_FORCE_PATH_STYLE").pipe(Config.withDefault(true)),
      accessKeyId: Config.option(Config.Redacted("FLEET_DOCUMENTS_S3_ACCESS_KEY_ID")),
      secretAccessKey: Config.option(Config.Redacted("FLEET_DOCUMENTS_S3_SECRET_ACCESS_KEY")),
    }),
  ),
})
