import { describe, expect, it } from "vitest"
import { makeDeviceLinks } from "./DeviceLinks.js"
import { commandIdOf, mqttCommandLink, parseCommandResponse } from "./mqttCommands.js"

describe("MQTT commands", () => {
  it("reads a device's answer {id, ok, text}, text optional", () => {
    expect(parseCommandResponse(Buffer.from('{"id":"c1","ok":true,"text":"done"}'))).toEqual({
      id: "c1",
      ok: true,
      text: "done",
    })
    expect(parseCommandResponse('{"id":"c2","ok":false}')).toEqual({ id: "c2", ok: false, text: "" })
  })

  it("refuses answers that are not JSON or lack the id or ok", () => {
    expect(parseCommandResponse("done")).toBeNull()
    expect(parseCommandResponse('{"ok":true}')).toBeNull()
    expect(parseCommandResponse('{"id":"c1","ok":"yes"}')).toBeNull()
  })

  it("tells which command a delivery carried, from its JSON message", () => {
    expect(commandIdOf('{"id":"c1","type":"locate","params":{}}')).toBe("c1")
    expect(commandIdOf("getinfo")).toBeNull()
  })

  it("publishes at QoS 1 on the topic while connected, and reports false once gone", () => {
    const published: Array<{ topic: string; payload: string; qos: number }> = []
    let connected = true
    const link = mqttCommandLink(
      {
        publish: (packet, done) => {
          published.push({ topic: packet.topic, payload: packet.payload.toString(), qos: packet.qos })
          done()
        },
      },
      "fleet/v1/devices/d1/commands",
      () => connected,
    )
    expect(link.protocol).toBe("mqtt")
    expect(link.send('{"id":"c1"}')).toBe(true)
    connected = false
    expect(link.send('{"id":"c2"}')).toBe(false)
    expect(published).toEqual([{ topic: "fleet/v1/devices/d1/commands", payload: '{"id":"c1"}', qos: 1 }])
  })

  it("passes answers with their id and acknowledgements to the listener through the links", () => {
    const links = makeDeviceLinks()
    const heard: unknown[] = []
    links.listen({
      answer: (a) => heard.push({ deviceId: a.deviceId, text: a.text, commandId: a.commandId, ok: a.ok }),
      online: (id) => heard.push({ online: id }),
      acknowledged: (id, commandId) => heard.push({ acknowledged: id, commandId }),
    })
    const detach = links.attach("d1", { protocol: "mqtt", send: () => true })
    links.acknowledged("d1", "c1")
    links.answered("d1", "done", { commandId: "c1", ok: true })
    detach()
    expect(links.linkOf("d1")).toBeUndefined()
    expect(heard).toEqual([
      { online: "d1" },
      { acknowledged: "d1", commandId: "c1" },
      { deviceId: "d1", text: "done", commandId: "c1", ok: true },
    ])
  })
})
