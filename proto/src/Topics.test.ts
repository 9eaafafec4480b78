import { describe, expect, it } from "vitest"
import { MqttTopics } from "./Topics.js"

describe("MqttTopics.isDevices", () => {
  it("is true exactly for the topic the builders make, for that device and leaf", () => {
    for (const id of ["dev-1", "a", "imei-356938035643809"]) {
      expect(MqttTopics.isDevices(MqttTopics.telemetry(id), id, "telemetry")).toBe(true)
      expect(MqttTopics.isDevices(MqttTopics.commandResponse(id), id, "commands/response")).toBe(true)
      expect(MqttTopics.isDevices(MqttTopics.commands(id), id, "telemetry")).toBe(false)
      expect(MqttTopics.isDevices(MqttTopics.telemetry(id), id, "commands/response")).toBe(false)
    }
  })

  it("refuses another device's topic, a prefix or suffix of the id, and near misses", () => {
    const id = "dev-1"
    for (const topic of [
      MqttTopics.telemetry("dev-2"),
      MqttTopics.telemetry("dev-10"),
      MqttTopics.telemetry("dev-"),
      MqttTopics.telemetry("xdev-1"),
      "fleet/v1/devices/dev-1xtelemetry",
      "fleet/v2/devices/dev-1/telemetry",
      "fleet/v1/devices/dev-1/telemetry/",
      "fleet/v1/devices/dev-1/telemetrx",
      "/fleet/v1/devices/dev-1/telemetry",
      "fleet/v1/devices/dev-1/dev-1/telemetry",
      "",
    ])
      expect(MqttTopics.isDevices(topic, id, "telemetry"), topic).toBe(false)
  })
})
