import { A } from "@solidjs/router"
import { History } from "lucide-solid"
import { type JSX, Match, Show, Switch } from "solid-js"
import type { Vehicle } from "../api/types"
import { useSession } from "../auth/SessionContext"
import { compassPoint } from "../i18n/format"
import { useI18n } from "../i18n/I18nContext"
import { statusCssColor, vehicleStatus } from "./vehicleStatus"

export interface TrackSummary {
  readonly loading: boolean
  readonly error: string | null
  readonly pointCount: number
  readonly retry: () => void
}

export interface VehicleDetailsProps {
  readonly vehicle: Vehicle
  readonly nowMs: number
  /** Silent this long, a vehicle is stale (the organisation's offline threshold). */
  readonly staleAfterMs: number
  readonly follow: boolean
  readonly onFollowChange: (follow: boolean) => void
  readonly onClose: () => void
  readonly track: TrackSummary
}

const Field = (props: {
  readonly label: string
  readonly testId: string
  readonly children: JSX.Element
}) => (
  <div class="field">
    <dt>{props.label}</dt>
    <dd data-testid={props.testId}>{props.children}</dd>
  </div>
)

/** The selected vehicle's latest data, the follow switch and the state of today's track. */
export const VehicleDetails = (props: VehicleDetailsProps) => {
  const { t, format } = useI18n()
  const session = useSession()
  const status = () => vehicleStatus(props.vehicle.last, props.nowMs, props.staleAfterMs)
  const dash = () => t("details.notReported")
  const orDash = <T,>(value: T | null, show: (v: T) => string) => (value === null ? dash() : show(value))

  return (
    <section class="vehicle-details" data-testid="vehicle-details" aria-labelledby="vehicle-details-title">
      <header class="vehicle-details__header">
        <div>
          <h2 id="vehicle-details-title" data-testid="vehicle-details-name">
            {props.vehicle.name}
          </h2>
          <p class="muted">
            {[props.vehicle.plate ?? t("vehicles.noPlate"), props.vehicle.vehicleType?.name]
              .filter((part) => part !== undefined)
              .join(" · ")}
          </p>
        </div>
        <button
          type="button"
          class="icon-button"
          onClick={() => props.onClose()}
          aria-label={t("details.close")}
        >
          ×
        </button>
      </header>

      <p class="vehicle-details__status">
        <span
          class="status-dot"
          style={{ "background-color": statusCssColor(status()) }}
          aria-hidden="true"
        />
        {t(`status.${status()}`)}
      </p>

      <Show when={props.vehicle.last} fallback={<p class="muted">{t("details.noPosition")}</p>}>
        {(last) => (
          <dl class="vehicle-details__fields">
            <Field label={t("details.time")} testId="detail-time">
              <time datetime={new Date(last().timeMs).toISOString()}>{format().dateTime(last().timeMs)}</time>
              <span class="muted"> ({format().relative(last().timeMs, props.nowMs)})</span>
            </Field>
            <Field label={t("details.speed")} testId="detail-speed">
              {orDash(last().speedMps, format().speed)}
            </Field>
            <Field label={t("details.heading")} testId="detail-heading">
              {orDash(
                last().headingDeg,
                (deg) => `${format().degrees(deg)} ${t(`compass.${compassPoint(deg)}`)}`,
              )}
            </Field>
            <Field label={t("details.ignition")} testId="detail-ignition">
              {orDash(last().ignition, (on) => (on ? t("details.on") : t("details.off")))}
            </Field>
            <Field label={t("details.odometer")} testId="detail-odometer">
              {orDash(last().odometerM, format().distanceKm)}
            </Field>
            <Field label={t("details.fuel")} testId="detail-fuel">
              {orDash(last().fuelLevelPct, format().percent)}
            </Field>
            <Field label={t("details.battery")} testId="detail-battery">
              {orDash(last().batteryV, (v) => t("units.volts", { value: format().decimal(v, 1) }))}
            </Field>
            <Field label={t("details.coordinates")} testId="detail-coordinates">
              {format().position(last().lat, last().lon)}
            </Field>
            <Show when={props.vehicle.deviceId}>
              {(deviceId) => (
                <Field label={t("details.device")} testId="detail-device">
                  {deviceId()}
                </Field>
              )}
            </Show>
          </dl>
        )}
      </Show>

      <div class="vehicle-details__actions">
        <label class="toggle">
          <input
            type="checkbox"
            data-testid="follow-toggle"
            checked={props.follow}
            disabled={props.vehicle.last === null}
            onChange={(event) => props.onFollowChange(event.currentTarget.checked)}
          />
          <span>{props.follow ? t("details.following") : t("details.follow")}</span>
        </label>
        <p class="vehicle-details__track" data-testid="vehicle-track">
          <span class="track-swatch" aria-hidden="true" />
          <span>{t("details.todayTrack")}</span>
          <Switch
            fallback={
              <span class="muted" data-testid="vehicle-track-points" data-count={props.track.pointCount}>
                {t("details.trackPoints")}: {format().integer(props.track.pointCount)}
              </span>
            }
          >
            <Match when={props.track.loading}>
              <span class="muted">{t("details.trackLoading")}</span>
            </Match>
            <Match when={props.track.error}>
              {(message) => (
                <span class="error-text">
                  {t("errors.loadTrack", { message: message() })}{" "}
                  <button type="button" class="link-button" onClick={() => props.track.retry()}>
                    {t("errors.retry")}
                  </button>
                </span>
              )}
            </Match>
          </Switch>
        </p>
        <Show when={session.can("vehicles.read")}>
          <A
            href={`/vehicles/${props.vehicle.id}?tab=track&period=today`}
            class="button button--ghost"
            data-testid="vehicle-history"
          >
            <History size={16} aria-hidden="true" />
            <span>{t("replay.history")}</span>
          </A>
        </Show>
      </div>
    </section>
  )
}
