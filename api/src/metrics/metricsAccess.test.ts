import type { Request } from "@fleetcore/platform"
import { describe, expect, it } from "vitest"
import { isLoopback, makeMetricsAccess } from "./metricsAccess.js"

const request = (remoteAddress: string, authorization?: string): Request => ({
  method: "GET",
  url: "/metrics",
  query: new URLSearchParams(),
  params: [],
  headers: new Map(authorization === undefined ? [] : [["authorization", authorization]]),
  body: Buffer.alloc(0),
  remoteAddress,
})

describe("metrics access", () => {
  it("recognises loopback addresses in the forms uWS reports", () => {
    for (const a of [
      "127.0.0.1",
      "127.3.2.1",
      "::1",
      "::ffff:127.0.0.1",
      "0000:0000:0000:0000:0000:0000:0000:0001",
    ]) {
      expect(isLoopback(a), a).toBe(true)
    }
    for (const a of [
      "10.0.0.1",
      "::ffff:10.0.0.1",
      "0000:0000:0000:0000:0000:ffff:0a00:0001",
      "128.0.0.1",
      "",
    ]) {
      expect(isLoopback(a), a).toBe(false)
    }
  })

  it("without a token serves loopback callers only", () => {
    const access = makeMetricsAccess(null)
    expect(() => access(request("127.0.0.1"))).not.toThrow()
    expect(() => access(request("203.0.113.5"))).toThrow(
      expect.objectContaining({ status: 403, code: "FLEET_METRICS_FORBIDDEN" }),
    )
  })

  it("with a token requires it from everyone, loopback included", () => {
    const access = makeMetricsAccess("s3cret-metrics-token")
    expect(() => access(request("203.0.113.5", "Bearer s3cret-metrics-token"))).not.toThrow()
    for (const header of [undefined, "Bearer wrong", "Basic czNjcmV0", "Bearer "]) {
      expect(() => access(request("127.0.0.1", header)), String(header)).toThrow(
        expect.objectContaining({ status: 401, code: "FLEET_METRICS_UNAUTHORIZED" }),
      )
    }
  })
})
