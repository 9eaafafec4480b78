import type { IConnectPacket } from "mqtt-packet"
import { describe, expect, it } from "vitest"
import { negotiateConnect } from "./connackProperties.js"

const connect = (overrides: Partial<IConnectPacket> = {}): IConnectPacket => ({
  cmd: "connect",
  clientId: "dev-001",
  protocolVersion: 5,
  keepalive: 60,
  ...overrides,
})
const limits = { maxKeepAliveS: 300, maxPacketBytes: 65_536, assignedClientId: undefined }

describe("negotiateConnect", () => {
  it("keeps a keep alive within the limit and announces the server's capabilities", () => {
    const result = negotiateConnect(connect(), limits)
    if (!result.ok) throw new Error("refused")
    expect(result.terms.keepAliveS).toBe(60)
    expect(result.terms.connack).toEqual({
      receiveMaximum: 100,
      maximumQoS: 1,
      retainAvailable: false,
      maximumPacketSize: 65_536,
      topicAliasMaximum: 16,
      wildcardSubscriptionAvailable: false,
      sharedSubscriptionAvailable: false,
    })
    expect(result.terms.clientReceiveMaximum).toBe(65_535)
    expect(result.terms.problemInformation).toBe(true)
  })

  it("lowers a keep alive above the limit, or 0, with Server Keep Alive", () => {
    for (const keepalive of [0, 301, 65_535]) {
      const result = negotiateConnect(connect({ keepalive }), limits)
      if (!result.ok) throw new Error("refused")
      expect(result.terms.keepAliveS).toBe(300)
      expect(result.terms.connack.serverKeepAlive).toBe(300)
    }
  })

  it("answers a session expiry with 0 and returns an assigned client id", () => {
    const result = negotiateConnect(connect({ clientId: "", properties: { sessionExpiryInterval: 60 } }), {
      ...limits,
      assignedClientId: "dev-001",
    })
    if (!result.ok) throw new Error("refused")
    expect(result.terms.connack.sessionExpiryInterval).toBe(0)
    expect(result.terms.connack.assignedClientIdentifier).toBe("dev-001")
  })

  it("takes the client's Receive Maximum, Maximum Packet Size and Request Problem Information", () => {
    const result = negotiateConnect(
      connect({
        properties: { receiveMaximum: 5, maximumPacketSize: 2_048, requestProblemInformation: false },
      }),
      limits,
    )
    if (!result.ok) throw new Error("refused")
    expect(result.terms).toMatchObject({
      clientReceiveMaximum: 5,
      clientMaximumPacketSize: 2_048,
      problemInformation: false,
    })
  })

  it("refuses a Receive Maximum or Maximum Packet Size of 0 as a Protocol Error", () => {
    expect(negotiateConnect(connect({ properties: { receiveMaximum: 0 } }), limits)).toMatchObject({
      ok: false,
      reasonCode: 0x82,
    })
    expect(negotiateConnect(connect({ properties: { maximumPacketSize: 0 } }), limits)).toMatchObject({
      ok: false,
      reasonCode: 0x82,
    })
  })
})
