import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

const TONES: Readonly<Record<string, "success" | "warning" | "danger">> = {
  approved: "success",
  rejected: "danger",
  suspended: "danger",
}

/** An onboarding stage: approved green, rejected or suspended red, anything awaiting a step amber. */
export const OnboardingStatusBadge = (props: { readonly status: string }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={TONES[props.status] ?? "warning"}
      testId="onboarding-status"
      status={props.status}
      label={t(`onboarding.status_${props.status}` as "onboarding.status_created")}
    />
  )
}
