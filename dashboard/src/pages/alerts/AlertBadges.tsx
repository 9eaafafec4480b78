import type { ALERT_SEVERITIES, ALERT_STATUSES } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

const SEVERITY_TONE = { info: "success", warning: "warning", critical: "danger" } as const
const STATUS_TONE = { open: "danger", acknowledged: "warning", resolved: "success" } as const

/** An alert's severity: info, warning (amber), critical (red). */
export const AlertSeverityBadge = (props: { readonly severity: (typeof ALERT_SEVERITIES)[number] }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={SEVERITY_TONE[props.severity]}
      testId="alert-severity"
      status={props.severity}
      label={t(`alerts.severity_${props.severity}`)}
    />
  )
}

/** An alert's place in its lifecycle: open (red) → acknowledged (amber) → resolved (green). */
export const AlertStatusBadge = (props: { readonly status: (typeof ALERT_STATUSES)[number] }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={STATUS_TONE[props.status]}
      testId="alert-status"
      status={props.status}
      label={t(`alerts.status_${props.status}`)}
    />
  )
}
