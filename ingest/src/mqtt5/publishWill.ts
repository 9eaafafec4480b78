import { MqttTopics } from "@fleetcore/proto"
import type { Mqtt5Deps } from "./Mqtt5Deps.js"
import type { Connected } from "./SessionPort.js"

/**
 * Publishes the connection's Will, called when it closed without DISCONNECT 0x00 [MQTT-3.1.2-8].
 * With Session Expiry 0 the session ends with the connection, so any Will Delay Interval ends too.
 * Like any publish it must be authorized: only a Will on the device's own telemetry topic reaches
 * the ingest path; any other is logged and dropped.
 */
export const publishWill = (deps: Mqtt5Deps, connected: Connected): void => {
  const will = connected.will
  if (will === null) return
  connected.will = null // published once [MQTT-3.1.2-10]
  const deviceId = connected.device.id
  if (will.topic !== MqttTopics.telemetry(deviceId)) {
    deps.log.info({ deviceId, topic: will.topic }, "mqtt5 will not published: foreign topic")
    return
  }
  Promise.resolve()
    .then(() => deps.ingress.accept(connected.device, will.payload, "mqtt", will.contentType))
    .then(
      (outcome) => deps.log.debug({ deviceId, ...outcome }, "mqtt5 will published"),
      (error: unknown) => deps.log.warn({ err: error, deviceId }, "mqtt5 will could not be ingested"),
    )
}
