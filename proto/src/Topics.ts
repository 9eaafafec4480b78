import type { DeadLetter } from "./DeadLetter.js"
import type { LiveBatch } from "./LivePosition.js"
import { type TelemetryRecord, TelemetryRecordCodec } from "./TelemetryRecord.js"

/** A bus topic and the type of its messages. */
export interface Topic<T> {
  readonly name: string
  /**
   * Durable topics carry what a device was acknowledged for: the bus keeps them on disk until
   * every consumer group handled them. Others (live views) are best effort, in memory.
   */
  readonly durable: boolean
  /** How the durable log stores a message; JSON without one. */
  readonly codec?: TopicCodec<T>
  /** Phantom: only carries the message type. */
  readonly _message?: T
}

/**
 * A topic's binary encoding. Encoded bytes start with a byte below 0x20, which JSON text never
 * starts with, so a reader tells them from JSON messages written before the codec (or without it).
 */
export interface TopicCodec<T> {
  readonly encode: (value: T) => Uint8Array
  /**
   * As `encode`, into bytes valid only until the next call (a shared buffer), for a caller that
   * copies them at once: the durable log, which would otherwise allocate a buffer per record.
   */
  readonly encodeTransient?: (value: T) => Uint8Array
  readonly decode: (bytes: Uint8Array) => T
}

const topic = <T>(name: string, durable: boolean, codec?: TopicCodec<T>): Topic<T> =>
  codec === undefined ? { name, durable } : { name, durable, codec }

/** Validated telemetry, key = vehicle id. */
export const TelemetryTopic = topic<TelemetryRecord>("fleet.telemetry.v1", true, TelemetryRecordCodec)
/** Stored positions for live views, key = organisation id. */
export const LiveTopic = topic<LiveBatch>("fleet.live.v1", false)
/** Rejected input with its reason, key = device id. */
export const DeadLetterTopic = topic<DeadLetter>("fleet.dlq.v1", true)

const DEVICES_PREFIX = "fleet/v1/devices/"

/** MQTT topics a device publishes to. `{deviceId}` is the device's own id. */
export const MqttTopics = {
  telemetry: (deviceId: string) => `fleet/v1/devices/${deviceId}/telemetry`,
  /** Commands to a device (the device may subscribe to its own). */
  commands: (deviceId: string) => `fleet/v1/devices/${deviceId}/commands`,
  /** A device's answers to its commands, `{id, ok, text}` (docs/devices.md). */
  commandResponse: (deviceId: string) => `fleet/v1/devices/${deviceId}/commands/response`,
  pattern: /^fleet\/v1\/devices\/([^/]+)\/(telemetry|commands)$/,
  /**
   * Whether `topic` is `fleet/v1/devices/<deviceId>/<leaf>` (`leaf`: "telemetry",
   * "commands/response"), compared in place: it is checked for every PUBLISH, so no string is built.
   */
  isDevices: (topic: string, deviceId: string, leaf: string): boolean =>
    topic.length === DEVICES_PREFIX.length + deviceId.length + 1 + leaf.length &&
    topic.startsWith(DEVICES_PREFIX) &&
    topic.startsWith(deviceId, DEVICES_PREFIX.length) &&
    topic.charCodeAt(DEVICES_PREFIX.length + deviceId.length) === 0x2f &&
    topic.endsWith(leaf),
} as const
