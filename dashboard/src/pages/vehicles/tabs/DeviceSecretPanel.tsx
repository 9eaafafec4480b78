import { Copy, KeyRound } from "lucide-solid"
import { useI18n } from "../../../i18n/I18nContext"
import { showToast } from "../../../ui/toast"

/** A FleetCore device's secret as the API answered it, after registering the device or rotating it. */
export interface ShownSecret {
  readonly id: string
  readonly secret: string
}

/**
 * A FleetCore device's secret, shown this once (the server keeps only its hash) until the user
 * dismisses it, with what the device needs to connect (docs/devices.md): over MQTT the client id
 * and user name are the device id, the password the secret; over HTTP the same pair is the Basic
 * credentials of `POST /ingest/v1/telemetry`.
 */
export const DeviceSecretPanel = (props: { readonly shown: ShownSecret; readonly onDismiss: () => void }) => {
  const { t } = useI18n()
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.shown.secret)
      showToast("success", t("devices.secretCopied"))
    } catch {
      showToast("error", t("devices.secretCopyFailed"))
    }
  }
  return (
    <div class="panel device-secret" role="status" data-testid="device-secret">
      <strong class="icon-label">
        <KeyRound size={18} aria-hidden="true" />
        {t("devices.secretTitle")}
      </strong>
      <p class="notice">{t("devices.secretNote")}</p>
      <div class="copy-field">
        <input
          class="input mono"
          readOnly
          aria-label={t("devices.secretLabel", { id: props.shown.id })}
          data-testid="device-secret-value"
          value={props.shown.secret}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" data-testid="device-secret-copy" onClick={() => void copy()}>
          <Copy size={16} aria-hidden="true" />
          <span>{t("devices.secretCopy")}</span>
        </button>
      </div>
      <dl class="facts" data-testid="device-connection">
        <dt>{t("devices.mqttUser")}</dt>
        <dd>
          <code>{props.shown.id}</code>
        </dd>
        <dt>{t("devices.mqttPassword")}</dt>
        <dd>{t("devices.theSecret")}</dd>
        <dt>{t("devices.mqttTopic")}</dt>
        <dd>
          {/* proto's MqttTopics.telemetry: the dashboard does not load proto's runtime (protobuf). */}
          <code>{`fleet/v1/devices/${props.shown.id}/telemetry`}</code>
        </dd>
        <dt>{t("devices.http")}</dt>
        <dd>
          <code>POST /ingest/v1/telemetry</code> · {t("devices.httpCredentials")}
        </dd>
      </dl>
      <div class="form__actions">
        <button
          type="button"
          class="button button--primary"
          data-testid="device-secret-dismiss"
          onClick={() => props.onDismiss()}
        >
          {t("devices.secretDismiss")}
        </button>
      </div>
    </div>
  )
}
