import type { USER_STATUSES } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

type UserStatus = (typeof USER_STATUSES)[number]

const TONES = { active: "success", invited: "warning", disabled: "danger" } as const satisfies Record<
  UserStatus,
  string
>

/** Active (green), invited: the link is not used yet (amber), disabled (red). */
export const UserStatusBadge = (props: { readonly status: UserStatus }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={TONES[props.status]}
      testId="user-status"
      status={props.status}
      label={t(`users.status_${props.status}`)}
    />
  )
}
