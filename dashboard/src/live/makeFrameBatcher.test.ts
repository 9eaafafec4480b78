import { describe, expect, it } from "vitest"
import { type FrameScheduler, makeFrameBatcher } from "./makeFrameBatcher"

const manualFrames = () => {
  const queued = new Map<number, () => void>()
  let next = 1
  const scheduler: FrameScheduler = {
    request: (run) => {
      queued.set(next, run)
      return next++
    },
    cancel: (handle) => void queued.delete(handle),
  }
  const frame = () => {
    const runs = [...queued.values()]
    queued.clear()
    for (const run of runs) run()
  }
  return { scheduler, frame, pendingFrames: () => queued.size }
}

describe("makeFrameBatcher", () => {
  it("hands every message of a frame to one flush, in arrival order", () => {
    const frames = manualFrames()
    const flushed: number[][] = []
    const batcher = makeFrameBatcher<number>((items) => flushed.push([...items]), {
      scheduler: frames.scheduler,
    })
    batcher.push([1, 2])
    batcher.push([3])
    batcher.push([4, 5])
    expect(flushed).toEqual([])
    expect(frames.pendingFrames()).toBe(1)
    frames.frame()
    expect(flushed).toEqual([[1, 2, 3, 4, 5]])
    frames.frame()
    expect(flushed).toHaveLength(1)
    batcher.push([6])
    frames.frame()
    expect(flushed).toEqual([[1, 2, 3, 4, 5], [6]])
  })

  it("flushes at once past maxPending (no frames in a hidden tab)", () => {
    const frames = manualFrames()
    const flushed: number[][] = []
    const batcher = makeFrameBatcher<number>((items) => flushed.push([...items]), {
      scheduler: frames.scheduler,
      maxPending: 3,
    })
    batcher.push([1, 2])
    batcher.push([3, 4])
    expect(flushed).toEqual([[1, 2, 3, 4]])
    expect(frames.pendingFrames()).toBe(0)
  })

  it("drops what is pending when disposed and ignores later pushes", () => {
    const frames = manualFrames()
    const flushed: number[][] = []
    const batcher = makeFrameBatcher<number>((items) => flushed.push([...items]), {
      scheduler: frames.scheduler,
    })
    batcher.push([1])
    batcher.dispose()
    batcher.push([2])
    frames.frame()
    expect(flushed).toEqual([])
  })
})
