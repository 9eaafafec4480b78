import type { ChangeRequestStatus } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

/**
 * A change request's status; a pending one reads "waiting for your decision" to the vehicle's
 * managers (`deciding`) and "waiting for a decision" to its proposer.
 */
export const ChangeStatusBadge = (props: {
  readonly status: ChangeRequestStatus
  readonly deciding: boolean
  readonly testId: string
}) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={props.status === "approved" ? "success" : props.status === "rejected" ? "danger" : "warning"}
      status={props.status}
      label={
        props.status === "pending" && !props.deciding
          ? t("vehicleAccess.change_awaiting")
          : t(`vehicleAccess.change_${props.status}`)
      }
      testId={props.testId}
    />
  )
}
