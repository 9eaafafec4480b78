import type { PENALTY_STATUSES } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

const TONES = {
  open: "danger",
  paid_by_driver: "warning",
  paid: "success",
  disputed: "warning",
  cancelled: "success",
} as const

export const PenaltyStatusBadge = (props: { readonly status: (typeof PENALTY_STATUSES)[number] }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={TONES[props.status]}
      testId="penalty-status"
      status={props.status}
      label={t(`contractsPenalties.penalties.status_${props.status}`)}
    />
  )
}
