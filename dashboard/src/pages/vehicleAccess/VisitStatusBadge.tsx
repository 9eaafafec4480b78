import type { VisitStatus } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

const TONE: Readonly<Record<VisitStatus, "success" | "warning" | "danger">> = {
  open: "warning",
  completed: "warning",
  confirmed: "success",
  disputed: "danger",
  cancelled: "danger",
}

/** A service visit's status, coloured: waiting on someone (amber), confirmed (green), or not (red). */
export const VisitStatusBadge = (props: { readonly status: VisitStatus }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={TONE[props.status]}
      status={props.status}
      label={t(`vehicleAccess.visit_${props.status}`)}
      testId="visit-status"
    />
  )
}
