import { ReasonCode } from "./reasonCodes.js"

export type AliasResolution =
  | { readonly ok: true; readonly topic: string }
  | { readonly ok: false; readonly reasonCode: ReasonCode; readonly reason: string }

/** Inbound (client to server) Topic Alias mappings of one network connection (3.3.2.3.4). */
export interface TopicAliases {
  /** The Topic Name a PUBLISH stands for, recording a new mapping when it carries both a name and an alias. */
  readonly resolve: (topicName: string, alias: number | undefined) => AliasResolution
}

/**
 * `maximum` is the Topic Alias Maximum this server announced in CONNACK. Mappings live only as long
 * as this object, i.e. one network connection: they are never carried to another [MQTT-3.3.2-7].
 */
export const makeTopicAliases = (maximum: number): TopicAliases => {
  const topics = new Map<number, string>()
  return {
    resolve: (topicName, alias) => {
      if (alias === undefined) {
        // 3.3.2.1: a zero-length Topic Name without a Topic Alias is a Protocol Error.
        if (topicName.length === 0) {
          return {
            ok: false,
            reasonCode: ReasonCode.ProtocolError,
            reason: "empty topic name without a topic alias",
          }
        }
        return { ok: true, topic: topicName }
      }
      // A Topic Alias of 0 [MQTT-3.3.2-8] or above our maximum [MQTT-3.2.2-17] [MQTT-3.3.2-9] is a
      // Protocol Error answered with DISCONNECT 0x94 (3.3.2.3.4).
      if (!Number.isInteger(alias) || alias < 1 || alias > maximum) {
        return {
          ok: false,
          reasonCode: ReasonCode.TopicAliasInvalid,
          reason: `topic alias ${String(alias)} is outside 1..${maximum}`,
        }
      }
      if (topicName.length > 0) {
        // A non-empty Topic Name with an alias sets (or replaces) the mapping (3.3.2.3.4).
        topics.set(alias, topicName)
        return { ok: true, topic: topicName }
      }
      const mapped = topics.get(alias)
      if (mapped === undefined) {
        return {
          ok: false,
          reasonCode: ReasonCode.ProtocolError,
          reason: `topic alias ${alias} is not mapped`,
        }
      }
      return { ok: true, topic: mapped }
    },
  }
}
