import type { ORG_STATUSES } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"

/** Active (green) or suspended (amber). */
export const OrganisationStatusBadge = (props: { readonly status: (typeof ORG_STATUSES)[number] }) => {
  const { t } = useI18n()
  return (
    <span
      class="badge"
      classList={{
        "badge--success": props.status === "active",
        "badge--warning": props.status === "suspended",
      }}
      data-testid="org-status"
      data-status={props.status}
    >
      {t(`organisations.status_${props.status}`)}
    </span>
  )
}
