import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { makeKeepAliveTimer } from "./keepAliveTimer.js"

describe("makeKeepAliveTimer", () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it("expires 1.5 x keep alive after the last touch", () => {
    const expired = vi.fn()
    const timer = makeKeepAliveTimer(expired)
    timer.start(10)
    timer.touch()
    vi.advanceTimersByTime(14_000)
    timer.touch() // a packet arrived: the silence starts again
    vi.advanceTimersByTime(14_999)
    expect(expired).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(expired).toHaveBeenCalledOnce()
  })

  it("does not run while suspended, and not at all for keep alive 0", () => {
    const expired = vi.fn()
    const timer = makeKeepAliveTimer(expired)
    timer.start(1)
    timer.touch()
    timer.suspend()
    vi.advanceTimersByTime(60_000)
    expect(expired).not.toHaveBeenCalled()
    const off = makeKeepAliveTimer(expired)
    off.start(0)
    off.touch()
    vi.advanceTimersByTime(60_000)
    expect(expired).not.toHaveBeenCalled()
  })
})
