/**
 * What runs inside the page while a benchmark measures: frame times from requestAnimationFrame
 * and long tasks (> 50 ms) from the Performance API. Kept as a string so the page evaluates it
 * without the driver's module system.
 */
export const PAGE_PROBE = `(() => {
  const probe = { frames: [], longTasks: [], running: true }
  let last = performance.now()
  const tick = (now) => {
    if (!probe.running) return
    probe.frames.push(now - last)
    last = now
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push(entry.duration)
    }).observe({ type: "longtask" })
  } catch {}
  window.__mapProbe = probe
})()`

export interface ProbeReading {
  readonly frames: number[]
  readonly longTasks: number[]
}

export const READ_PROBE = `(() => {
  const probe = window.__mapProbe
  probe.running = false
  return { frames: probe.frames, longTasks: probe.longTasks }
})()`
