import type { Contract } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

type ContractView = (typeof Contract)["Encoded"]

/** Days before the end at which a contract is shown as expiring. */
export const EXPIRING_WITHIN_DAYS = 30

/**
 * The contract's status, and "ends in N days" as a warning while an active one is within
 * EXPIRING_WITHIN_DAYS of its end date.
 */
export const ContractStatusBadge = (props: { readonly contract: ContractView }) => {
  const { t } = useI18n()
  const expiring = () =>
    (props.contract.status === "active" || props.contract.status === "pending_renewal") &&
    props.contract.daysToEnd <= EXPIRING_WITHIN_DAYS
  const tone = () =>
    props.contract.status === "expired" || props.contract.status === "cancelled"
      ? "danger"
      : expiring()
        ? "warning"
        : "success"
  const label = () =>
    expiring()
      ? t("contractsPenalties.contracts.endsIn", { days: String(props.contract.daysToEnd) })
      : t(`contractsPenalties.contracts.status_${props.contract.status}`)
  return (
    <StatusBadge
      tone={tone()}
      testId="contract-status"
      status={expiring() ? "expiring" : props.contract.status}
      label={label()}
    />
  )
}
