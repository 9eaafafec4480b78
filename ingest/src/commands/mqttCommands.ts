import { Option, Schema } from "effect"
import type { CommandLink } from "./DeviceLinks.js"

/**
 * FleetCore's own devices over MQTT (docs/devices.md, "Commands"): a command is published to the
 * device's `commands` topic at QoS 1 as `{id, type, params}`; the device answers on
 * `commands/response` with `{id, ok, text}`.
 */
const CommandResponse = Schema.fromJsonString(
  Schema.Struct({
    id: Schema.String.check(Schema.isMaxLength(64)),
    ok: Schema.Boolean,
    text: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(4096))),
  }),
)
const CommandMessage = Schema.fromJsonString(Schema.Struct({ id: Schema.String }))

const textOf = (payload: Buffer | string): string =>
  typeof payload === "string" ? payload : payload.toString("utf8")

/** A device's answer, or null when the payload is not `{id, ok, text?}`. */
export const parseCommandResponse = (
  payload: Buffer | string,
): { readonly id: string; readonly ok: boolean; readonly text: string } | null =>
  Option.match(Schema.decodeUnknownOption(CommandResponse)(textOf(payload)), {
    onNone: () => null,
    onSome: (r) => ({ id: r.id, ok: r.ok, text: r.text ?? "" }),
  })

/** The id of a command message FleetCore published (to tell which command a PUBACK acknowledged). */
export const commandIdOf = (payload: Buffer | string): string | null =>
  Option.match(Schema.decodeUnknownOption(CommandMessage)(textOf(payload)), {
    onNone: () => null,
    onSome: (m) => m.id,
  })

/** The broker-side publish a link needs (an Aedes instance fits). */
export interface CommandPublisher {
  publish(
    packet: {
      cmd: "publish"
      topic: string
      payload: Buffer
      qos: 1
      retain: false
      dup: false
      messageId?: number
    },
    done: (error?: Error) => void,
  ): void
}

/** A link that publishes the command message to `topic` at QoS 1 while `connected()` holds. */
export const mqttCommandLink = (
  broker: CommandPublisher,
  topic: string,
  connected: () => boolean,
): CommandLink => ({
  protocol: "mqtt",
  send: (text) => {
    if (!connected()) return false
    broker.publish(
      { cmd: "publish", topic, payload: Buffer.from(text, "utf8"), qos: 1, retain: false, dup: false },
      () => {},
    )
    return true
  },
})
