import { COMMAND_PROTOCOLS, type CommandType, type NewCommand } from "@fleetcore/contract"

/** What a command carries besides its type, as stored in `device_commands.params`. */
export const paramsOf = (command: NewCommand): Readonly<Record<string, unknown>> =>
  "params" in command ? { ...command.params } : {}

/** Whether a device of `protocol` takes commands of `type` (the contract's protocol table). */
export const supports = (protocol: string, type: CommandType): boolean =>
  (COMMAND_PROTOCOLS[protocol] ?? []).includes(type)

/** Teltonika SMS/GPRS command texts (wiki "FMB SMS/GPRS command list"), sent in Codec 12. */
const teltonika = (command: NewCommand): string | null => {
  switch (command.type) {
    case "getinfo":
    case "getstatus":
    case "getgps":
    case "getver":
    case "cpureset":
      return command.type
    case "setdigout":
      return `setdigout ${command.params.outputs}`
    case "raw":
      return command.params.text
    default:
      return null
  }
}

/** Concox GT06 online commands (GT06 protocol, "online command" packet 0x80): `RELAY,1#` cuts the fuel/relay. */
const gt06 = (command: NewCommand): string | null => {
  switch (command.type) {
    case "engineStop":
      return "RELAY,1#"
    case "engineResume":
      return "RELAY,0#"
    case "where":
      return "WHERE#"
    case "reset":
      return "RESET#"
    case "raw":
      return command.params.text
    default:
      return null
  }
}

/**
 * The text that goes on the wire for a device of `protocol`, or null when the protocol does not
 * take the command. FleetCore's own devices get the JSON message `{id, type, params}` (docs/devices.md)
 * on their MQTT `commands` topic; trackers get their own command text.
 */
export const commandText = (protocol: string, id: string, command: NewCommand): string | null => {
  if (!supports(protocol, command.type)) return null
  switch (protocol) {
    case "teltonika":
      return teltonika(command)
    case "gt06":
      return gt06(command)
    case "fleetcore":
      return JSON.stringify({ id, type: command.type, params: paramsOf(command) })
    default:
      return null
  }
}
