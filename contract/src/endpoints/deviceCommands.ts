import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { DeviceIdText } from "./devices.js"

/**
 * Commands to devices (issue 14, downlink). Each type is valid for the protocols listed in
 * `COMMAND_PROTOCOLS`; `raw` sends the caller's text as it is (admins and owners only).
 */
export const COMMAND_TYPES = [
  "getinfo",
  "getstatus",
  "getgps",
  "getver",
  "setdigout",
  "cpureset",
  "engineStop",
  "engineResume",
  "where",
  "reset",
  "locate",
  "setInterval",
  "reboot",
  "raw",
] as const
export type CommandType = (typeof COMMAND_TYPES)[number]

/** Which command types each device protocol takes (teltonika: Codec 12 SMS/GPRS commands; gt06: online commands; fleetcore: JSON over MQTT). */
export const COMMAND_PROTOCOLS: Readonly<Record<string, ReadonlyArray<CommandType>>> = {
  teltonika: ["getinfo", "getstatus", "getgps", "getver", "setdigout", "cpureset", "raw"],
  gt06: ["engineStop", "engineResume", "where", "reset", "raw"],
  fleetcore: ["locate", "setInterval", "reboot", "engineStop", "engineResume", "raw"],
}

/** Command types that cut or change what the vehicle does: the dashboard asks for a confirmation. */
export const DANGEROUS_COMMANDS: ReadonlyArray<CommandType> = [
  "engineStop",
  "raw",
  "cpureset",
  "reset",
  "reboot",
]

export const COMMAND_STATUSES = ["queued", "sent", "acknowledged", "answered", "failed", "expired"] as const
export const CommandStatus = Schema.Literals(COMMAND_STATUSES)
export type CommandStatus = typeof CommandStatus.Type

/** Teltonika `setdigout`: one character per output DOUT1…DOUT4, `1` on, `0` off, `?` unchanged. */
export const DigitalOutputs = Schema.String.check(
  Schema.isPattern(/^[01?]{1,4}$/u, explained("digitalOutputs")),
)

/** Raw command text: printable, one line, as the device's manual spells it. */
export const RawCommandText = Schema.String.check(
  Schema.isPattern(/^[\x20-\x7e]{1,500}$/u, explained("rawCommand")),
)

const Timing = {
  /** How long a sent command waits for the device's answer before it fails (default 300 s). */
  timeoutS: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 5, maximum: 86_400 }))),
  /** How long a queued command waits for the device to connect before it expires (default 24 h). */
  expiresInS: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 60, maximum: 604_800 }))),
}

/** What a command is sent with: its type and, for some types, parameters. */
export const NewCommand = Schema.Union([
  Schema.Struct({
    type: Schema.Literals([
      "getinfo",
      "getstatus",
      "getgps",
      "getver",
      "cpureset",
      "engineStop",
      "engineResume",
      "where",
      "reset",
      "locate",
      "reboot",
    ]),
    ...Timing,
  }),
  Schema.Struct({
    type: Schema.Literal("setdigout"),
    params: Schema.Struct({ outputs: DigitalOutputs }),
    ...Timing,
  }),
  Schema.Struct({
    type: Schema.Literal("setInterval"),
    params: Schema.Struct({ seconds: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 3600 })) }),
    ...Timing,
  }),
  Schema.Struct({
    type: Schema.Literal("raw"),
    params: Schema.Struct({ text: RawCommandText }),
    ...Timing,
  }),
]).annotate({ identifier: "NewDeviceCommand" })
export type NewCommand = typeof NewCommand.Type

export const DeviceCommand = Schema.Struct({
  id: Uuid,
  deviceId: Schema.String,
  vehicleId: Schema.NullOr(Uuid),
  protocol: Schema.String,
  type: Schema.String,
  params: Schema.Record(Schema.String, Schema.Unknown),
  /** What went (or goes) on the wire. */
  text: Schema.String,
  status: CommandStatus,
  /** The device's answer, when it gave one. */
  answer: Schema.NullOr(Schema.String),
  /** Why the command failed or expired. */
  failure: Schema.NullOr(Schema.String),
  attempts: Schema.Int,
  timeoutS: Schema.Int,
  createdBy: Schema.NullOr(Uuid),
  createdAt: IsoDateTime,
  sentAt: Schema.NullOr(IsoDateTime),
  answeredAt: Schema.NullOr(IsoDateTime),
  expiresAt: IsoDateTime,
}).annotate({ identifier: "DeviceCommand" })
export type DeviceCommand = typeof DeviceCommand.Type

const DeviceParams = Schema.Struct({ id: DeviceIdText })
const notFound = { status: 404, code: "FLEET_DEVICE_NOT_FOUND" }

export const deviceCommands = {
  create: endpoint({
    id: "deviceCommands.create",
    method: "post",
    path: "/api/v1/devices/:id/commands",
    tag: "devices",
    summary: "Send a command to a device: at once when it is connected, otherwise when it next connects",
    description:
      "The types a device takes depend on its protocol: teltonika `getinfo`, `getstatus`, `getgps`, `getver`, `setdigout` (params.outputs), `cpureset`; gt06 `engineStop` (RELAY,1#), `engineResume` (RELAY,0#), `where`, `reset`; fleetcore (MQTT) `locate`, `setInterval` (params.seconds), `reboot`, `engineStop`, `engineResume`. Any other type is a 400 FLEET_COMMAND_UNSUPPORTED. `raw` (params.text sent as it is) needs `devices.commandRaw` (admins, owners). The answer's status is `sent` when the device was connected, `queued` otherwise; the device's answer settles it later (see the list and the live feed).",
    access: "devices.command",
    params: DeviceParams,
    body: NewCommand,
    invalidCode: "FLEET_COMMAND_INVALID",
    response: DeviceCommand,
    status: 201,
    errors: [
      notFound,
      { status: 400, code: "FLEET_COMMAND_UNSUPPORTED" },
      { status: 403, code: "FLEET_COMMAND_RAW_FORBIDDEN" },
    ],
  }),
  list: endpoint({
    id: "deviceCommands.list",
    method: "get",
    path: "/api/v1/devices/:id/commands",
    tag: "devices",
    summary: "The commands sent to a device, newest first",
    description: "`q` searches the command's text and the device's answer.",
    access: "devices.read",
    params: DeviceParams,
    query: listQuery(["createdAt"], { status: Schema.optionalKey(CommandStatus) }),
    response: listOf(DeviceCommand),
    errors: [notFound],
  }),
}
