/** When to run the flush: the browser's next frame by default. */
export interface FrameScheduler {
  readonly request: (run: () => void) => number
  readonly cancel: (handle: number) => void
}

export const animationFrames: FrameScheduler = {
  request: (run) => window.requestAnimationFrame(run),
  cancel: (handle) => window.cancelAnimationFrame(handle),
}

export interface FrameBatcher<T> {
  readonly push: (items: ReadonlyArray<T>) => void
  /** Flushes what is pending now (e.g. before a refetch replaces the data). */
  readonly flush: () => void
  readonly dispose: () => void
}

/**
 * Collects items and hands them to `flush` once per animation frame, however many messages
 * arrived in between: 10,000 vehicles reporting every second re-render once a frame, not once a
 * message. A hidden tab gets no frames; past `maxPending` items the batch is flushed at once, so
 * the buffer stays bounded.
 */
export const makeFrameBatcher = <T>(
  flush: (items: ReadonlyArray<T>) => void,
  options: { readonly scheduler?: FrameScheduler; readonly maxPending?: number } = {},
): FrameBatcher<T> => {
  const scheduler = options.scheduler ?? animationFrames
  const maxPending = options.maxPending ?? 200_000
  let pending: T[] = []
  let handle: number | undefined
  let disposed = false

  const run = () => {
    if (handle !== undefined) scheduler.cancel(handle)
    handle = undefined
    if (pending.length === 0) return
    const batch = pending
    pending = []
    flush(batch)
  }

  return {
    push: (items) => {
      if (disposed || items.length === 0) return
      for (const item of items) pending.push(item)
      if (pending.length >= maxPending) run()
      else if (handle === undefined) handle = scheduler.request(run)
    },
    flush: run,
    dispose: () => {
      disposed = true
      if (handle !== undefined) scheduler.cancel(handle)
      handle = undefined
      pending = []
    },
  }
}
