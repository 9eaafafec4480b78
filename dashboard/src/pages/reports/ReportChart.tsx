import type { ReportTable } from "@fleetcore/contract"
import { BarChart, PieChart } from "echarts/charts"
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components"
import * as echarts from "echarts/core"
import { SVGRenderer } from "echarts/renderers"
import { createEffect, createSignal, onCleanup, onMount } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { useTheme } from "../../theme/ThemeContext"
import { formatCell } from "./reportColumns"
import { reportLabel } from "./reportLabels"

echarts.use([
  BarChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
])

type Chart = (typeof ReportTable)["Encoded"]["charts"][number]

/** `text` cut to `max` characters, ending with an ellipsis when cut. */
const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

/**
 * Slanted (35°) axis labels need about this much room along the axis each, or they run into one
 * another: a 13 px line divided by sin 35°.
 */
const SLANTED_LABEL_PX = 24

/** The `axisLabel.interval` that shows every n-th of `count` slanted labels so they fit in `width` px. */
const slantedInterval = (count: number, width: number): number =>
  Math.max(0, Math.ceil(count / Math.max(1, Math.floor((width * 0.85) / SLANTED_LABEL_PX))) - 1)

/** The chart palette and text colours, read from the theme's CSS variables (reports.css). */
const themeColours = (element: HTMLElement) => {
  const style = getComputedStyle(element)
  const v = (name: string) => style.getPropertyValue(name).trim()
  return {
    palette: Array.from({ length: 14 }, (_, i) => v(`--chart-${i + 1}`)),
    text: v("--text"),
    muted: v("--muted"),
    grid: v("--border"),
    surface: v("--surface"),
    // The page's own font, named: ECharts measures legend texts with it ("inherit" measured them
    // in the canvas default and the wider page font then ran into the next item).
    font: style.fontFamily,
  }
}

/**
 * One chart of a report, drawn with ECharts (tree-shaken: bars, pie, SVG renderer). The chart is
 * made once and given new options when the data, the language or the theme change; it follows
 * its box's size.
 */
export const ReportChart = (props: {
  readonly chart: Chart
  readonly currency: string
  readonly title: string
  readonly testId: string
}) => {
  const { t, format } = useI18n()
  const theme = useTheme()
  let box!: HTMLDivElement
  let chart: echarts.ECharts | undefined
  /** The box's width, so slanted labels are thinned out on a phone. */
  const [width, setWidth] = createSignal(0)

  const category = (c: string) =>
    props.chart.categoryLabels === "translate"
      ? reportLabel(t, c)
      : props.chart.categoryLabels === "month" || props.chart.categoryLabels === "day"
        ? format().day(c)
        : c
  const seriesName = (key: string) =>
    key === "total"
      ? t("reports.series_total")
      : key === "score"
        ? t("reports.col_score")
        : key === "budget"
          ? t("reports.series_budget")
          : reportLabel(t, key)
  const money = (n: number) => format().money(n.toFixed(2), props.currency)
  /** A value as the chart's kind writes it: money unless the chart says otherwise (km, hours, a score…). */
  const value = (n: number) => {
    const kind = props.chart.valueKind ?? "money"
    if (kind === "money") return money(n)
    if (kind === "distance") return format().distanceKm(n * 1000)
    if (kind === "hours") return t("reports.hoursShort", { value: format().decimal(n, 1) })
    return formatCell(format(), props.currency, kind, n)
  }

  /** About how many characters of a legend name fit beside the ring with its share (7 px a character). */
  const legendChars = () => Math.max(8, Math.floor((box.clientWidth * 0.45 - 30) / 7) - 6)

  const options = (): echarts.EChartsCoreOption => {
    theme.resolved()
    const colours = themeColours(box)
    const text = { color: colours.text }
    const base = {
      color: colours.palette,
      backgroundColor: "transparent",
      textStyle: { color: colours.text, fontFamily: colours.font },
      tooltip: {
        trigger: props.chart.kind === "pie" ? "item" : "axis",
        valueFormatter: (v: unknown) => value(Number(v)),
        backgroundColor: colours.surface,
        borderColor: colours.grid,
        textStyle: text,
      },
      legend: { bottom: 0, textStyle: text, type: "scroll" },
      animation: false,
    }
    if (props.chart.kind === "pie") {
      const values = props.chart.series[0]?.values ?? []
      const sum = values.reduce((a, b) => a + b, 0)
      const share = new Map(
        props.chart.categories.map((c, i) => [category(c), sum > 0 ? ((values[i] ?? 0) / sum) * 100 : 0]),
      )
      return {
        ...base,
        // Slices are named in the legend beside the ring, with their share: labels around a ring
        // of eleven categories collide and run out of the box.
        legend: {
          ...base.legend,
          orient: "vertical",
          right: 0,
          top: "middle",
          bottom: undefined,
          // A long name (a service type, a vendor) is shortened so its share stays in the box;
          // the legend's tooltip shows it whole.
          formatter: (name: string) =>
            `${shorten(name, legendChars())} ${format().percent(share.get(name) ?? 0)}`,
          tooltip: { show: true },
        },
        series: [
          {
            type: "pie",
            radius: ["32%", "56%"],
            center: ["26%", "50%"],
            label: { show: false },
            data: props.chart.categories.map((c, i) => ({ name: category(c), value: values[i] ?? 0 })),
          },
        ],
      }
    }
    return {
      ...base,
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: {
        type: "category",
        data: props.chart.categories.map(category),
        // Vehicle names are long: slanted, so ten of them fit under their bars.
        axisLabel: {
          color: colours.muted,
          // As many slanted labels as the width holds (a month of days on a phone: every fourth).
          interval:
            props.chart.categoryLabels === "translate"
              ? 0
              : slantedInterval(props.chart.categories.length, width()),
          hideOverlap: true,
          // 150 px keeps a vehicle's number ("Shacman X3000 827"), which tells it from its siblings.
          rotate: props.chart.categoryLabels === "translate" ? 0 : 35,
          width: 150,
          overflow: "truncate",
        },
        axisLine: { lineStyle: { color: colours.grid } },
      },
      yAxis: {
        type: "value",
        axisLabel: {
          color: colours.muted,
          formatter: (v: number) =>
            props.chart.valueKind === "percent"
              ? format().percent(v)
              : format().decimal(v, Number.isInteger(v) ? 0 : 1),
        },
        splitLine: { lineStyle: { color: colours.grid } },
      },
      series: props.chart.series.map((s, i) => ({
        type: "bar",
        name: seriesName(s.key),
        data: [...s.values],
        ...(props.chart.kind === "stackedBar" ? { stack: "total" } : {}),
        barMaxWidth: 48,
        // Shares of a limit: the limit itself (100 %) as a dashed line.
        ...(props.chart.valueKind === "percent" && i === 0
          ? {
              markLine: {
                silent: true,
                symbol: "none",
                data: [{ yAxis: 100 }],
                label: {
                  formatter: () => format().percent(100),
                  color: colours.muted,
                  position: "insideEndTop",
                },
                lineStyle: { color: colours.muted, type: "dashed" },
              },
            }
          : {}),
      })),
    }
  }

  onMount(() => {
    chart = echarts.init(box, undefined, { renderer: "svg" })
    setWidth(box.clientWidth)
    const resize = new ResizeObserver(() => {
      setWidth(box.clientWidth)
      chart?.resize()
    })
    resize.observe(box)
    onCleanup(() => {
      resize.disconnect()
      chart?.dispose()
    })
  })
  createEffect(() => {
    const next = options()
    chart?.setOption(next, { notMerge: true })
  })

  return (
    <figure class="report-chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <div ref={box} class="report-chart__canvas" />
    </figure>
  )
}
