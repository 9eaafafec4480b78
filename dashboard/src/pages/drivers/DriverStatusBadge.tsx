import type { DRIVER_STATUSES } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

type DriverStatus = (typeof DRIVER_STATUSES)[number]

const TONES = { active: "success", on_leave: "warning", terminated: "danger" } as const satisfies Record<
  DriverStatus,
  string
>

/** Active (green), on leave (amber), terminated (red). */
export const DriverStatusBadge = (props: { readonly status: DriverStatus }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={TONES[props.status]}
      testId="driver-status"
      status={props.status}
      label={t(`drivers.status_${props.status}`)}
    />
  )
}
