import type { USER_STATUSES } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"

/** Active (green), invited: the link is not used yet (amber), disabled (red). */
export const UserStatusBadge = (props: { readonly status: (typeof USER_STATUSES)[number] }) => {
  const { t } = useI18n()
  return (
    <span
      class="badge"
      classList={{
        "badge--success": props.status === "active",
        "badge--warning": props.status === "invited",
        "badge--danger": props.status === "disabled",
      }}
      data-testid="user-status"
      data-status={props.status}
    >
      {t(`users.status_${props.status}`)}
    </span>
  )
}
