import { createMemo, For } from "solid-js"

const WIDTH = 240
const HEIGHT = 56
const PAD = 4

/**
 * A line of values as an inline SVG (no chart library for a dozen points): scaled from zero to the
 * largest value, the last point marked. `label` is read by screen readers in place of the drawing.
 */
export const Sparkline = (props: {
  readonly values: ReadonlyArray<number>
  readonly label: string
  readonly testId?: string
}) => {
  const points = createMemo(() => {
    const max = Math.max(...props.values, 0)
    const n = props.values.length
    return props.values.map((value, i) => ({
      x: PAD + (n <= 1 ? 0 : (i * (WIDTH - 2 * PAD)) / (n - 1)),
      y: HEIGHT - PAD - (max === 0 ? 0 : (value / max) * (HEIGHT - 2 * PAD)),
    }))
  })
  const line = () =>
    points()
      .map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
      .join(" ")
  const area = () => {
    const ps = points()
    const first = ps[0]
    const last = ps.at(-1)
    if (first === undefined || last === undefined) return ""
    return `${first.x},${HEIGHT - PAD} ${line()} ${last.x},${HEIGHT - PAD}`
  }
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      data-points={props.values.length}
    >
      <polygon class="sparkline__area" points={area()} />
      <polyline class="sparkline__line" points={line()} />
      <For each={points().slice(-1)}>{(p) => <circle class="sparkline__dot" cx={p.x} cy={p.y} r="3" />}</For>
    </svg>
  )
}
