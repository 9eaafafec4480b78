import type { ORG_STATUSES } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

type OrgStatus = (typeof ORG_STATUSES)[number]

const TONES = { active: "success", suspended: "warning" } as const satisfies Record<OrgStatus, string>

/** Active (green) or suspended (amber). */
export const OrganisationStatusBadge = (props: { readonly status: OrgStatus }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={TONES[props.status]}
      testId="org-status"
      status={props.status}
      label={t(`organisations.status_${props.status}`)}
    />
  )
}
