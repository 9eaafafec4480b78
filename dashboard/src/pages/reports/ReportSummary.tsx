import { replayCommand } from "@fleetcore/contract"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { formatCell, type ReportView } from "./reportColumns"
import { reportLabel } from "./reportLabels"

/** The report's headline figures (from its totals row), the original currencies and what was left out. */
export const ReportSummary = (props: { readonly report: ReportView }) => {
  const { t, format } = useI18n()
  const money = (v: unknown) => (typeof v === "string" ? format().money(v, props.report.currency) : "—")
  const figures = () => {
    const totals = props.report.totals
    const own = props.report.summary
    if (own !== undefined) {
      return own.map((f) => ({
        key: f.key,
        label: reportLabel(t, f.key),
        value: formatCell(format(), props.report.currency, f.kind, f.value) || "—",
      }))
    }
    if (props.report.report === "tco") {
      return [
        { key: "totalCost", label: t("reports.totalCost"), value: money(totals.total) },
        {
          key: "totalDistance",
          label: t("reports.totalDistance"),
          value: format().distanceKm(Number(totals.distanceKm ?? 0) * 1000),
        },
        { key: "costPerKm", label: t("reports.costPerKm"), value: money(totals.costPerKm) },
      ]
    }
    const count = (v: unknown) => (typeof v === "number" ? format().integer(v) : "—")
    if (props.report.report === "fuel") {
      return [
        { key: "fuelCost", label: t("reports.col_fuelCost"), value: money(totals.fuelCost) },
        { key: "fuelLitres", label: t("reports.fuelLitres"), value: count(totals.litres) },
        {
          key: "fleetL100",
          label: t("reports.fleetL100"),
          value: typeof totals.refuelL100 === "number" ? format().decimal(totals.refuelL100, 1) : "—",
        },
        { key: "costPerLitre", label: t("reports.col_costPerLitre"), value: money(totals.costPerLitre) },
      ]
    }
    if (props.report.report === "maintenance") {
      return [
        { key: "serviceCount", label: t("reports.serviceCount"), value: count(totals.services) },
        { key: "serviceCost", label: t("reports.col_serviceCost"), value: money(totals.serviceCost) },
        { key: "overdue", label: t("reports.col_overdue"), value: count(totals.overdue) },
        {
          key: "onTimeShare",
          label: t("reports.onTimeShare"),
          value: typeof totals.onTimePct === "number" ? format().percent(totals.onTimePct) : "—",
        },
      ]
    }
    if (props.report.report === "drivers") {
      return [
        {
          key: "totalDistance",
          label: t("reports.totalDistance"),
          value: format().distanceKm(Number(totals.distanceKm ?? 0) * 1000),
        },
        {
          key: "speeding",
          label: t("reports.col_speeding"),
          value: format().integer(Number(totals.speeding ?? 0)),
        },
        {
          key: "fleetScore",
          label: t("reports.fleetScore"),
          value:
            totals.score === null || totals.score === undefined
              ? "—"
              : format().integer(Number(totals.score)),
        },
      ]
    }
    if (props.report.report === "coverage") {
      return [
        { key: "costInPeriod", label: t("reports.col_costInPeriod"), value: money(totals.costInPeriod) },
        {
          key: "uninsuredVehicles",
          label: t("reports.uninsuredVehicles"),
          value: count(totals.uninsuredVehicles),
        },
        { key: "expiringSoon", label: t("reports.expiringSoon"), value: count(totals.expiringSoon) },
      ]
    }
    if (props.report.report === "rental") {
      return [
        { key: "rentedVehicles", label: t("reports.rentedVehicles"), value: count(totals.rentedVehicles) },
        { key: "rentPaid", label: t("reports.col_rentPaid"), value: money(totals.rentPaid) },
        { key: "rentedCostPerKm", label: t("reports.rentedCostPerKm"), value: money(totals.costPerKm) },
        { key: "ownedCostPerKm", label: t("reports.ownedCostPerKm"), value: money(totals.ownedCostPerKm) },
        { key: "expiringSoon", label: t("reports.expiringSoon"), value: count(totals.expiringSoon) },
      ]
    }
    return [
      { key: "totalSpent", label: t("reports.totalSpent"), value: money(totals.total) },
      { key: "budget", label: t("reports.budget"), value: money(totals.budget) },
      { key: "remaining", label: t("reports.remaining"), value: money(totals.remaining) },
    ]
  }
  const originals = () => props.report.originals.map((o) => format().money(o.amount, o.currency)).join(" · ")
  return (
    <section class="report-summary">
      <dl class="report-figures">
        <For each={figures()}>
          {(f) => (
            <div class="report-figure" data-testid={`report-figure-${f.key}`}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          )}
        </For>
      </dl>
      <Show when={props.report.originals.length > 0}>
        <p class="muted" data-testid="report-originals">
          {t("reports.originals", { list: originals() })}
        </p>
      </Show>
      <Show when={(props.report.rowsTotal ?? 0) > props.report.rows.length}>
        <p class="report-warning" data-testid="report-capped">
          {t("reports.capped", {
            shown: format().integer(props.report.rows.length),
            total: format().integer(props.report.rowsTotal ?? 0),
          })}
        </p>
      </Show>
      <Show when={props.report.columns.some((c) => c.kind === "datetime")}>
        <p class="muted">{t("reports.timesIn", { zone: props.report.timezone })}</p>
      </Show>
      <Show when={props.report.unconverted > 0}>
        <p class="report-warning">{t("reports.unconverted", { count: String(props.report.unconverted) })}</p>
      </Show>
      <Show when={props.report.otherZoneDays}>
        {(days) => (
          <div class="report-warning" data-testid="report-other-zone-days">
            <p>
              {t("reports.otherZoneDays", {
                days: format().integer(days().vehicleDays),
                vehicles: format().integer(days().vehicles),
                from: format().day(days().from),
                to: format().day(days().to),
                zones: days().zones.join(", "),
                zone: props.report.timezone,
              })}
            </p>
            <code class="code-block report-command">{replayCommand(days())}</code>
          </div>
        )}
      </Show>
    </section>
  )
}
