import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { daysUntil, EXPIRY_WARNING_DAYS } from "../../ui/documents/documentExpiry"
import { StatusBadge } from "../../ui/StatusBadge"

/**
 * A licence or medical expiry date, with a badge when it is within 30 days ("expires in 12 days",
 * amber) or past ("expired", red); nothing beside a date further away, a dash for none.
 */
export const ExpiryDate = (props: { readonly date: string | null; readonly testId: string }) => {
  const { t, format, zone } = useI18n()
  // Today is the UI zone's day: a licence ends at that midnight, not UTC's.
  const left = () => (props.date === null ? null : daysUntil(props.date, dayIn(Date.now(), zone())))
  return (
    <Show when={props.date} fallback={<span class="muted">—</span>}>
      {(date) => (
        <span class="expiry" data-testid={props.testId}>
          <time datetime={date()}>{format().day(date())}</time>
          <Show when={left() !== null && (left() as number) <= EXPIRY_WARNING_DAYS}>
            <StatusBadge
              tone={(left() as number) < 0 ? "danger" : "warning"}
              testId={`${props.testId}-badge`}
              status={(left() as number) < 0 ? "expired" : "expiring"}
              label={
                (left() as number) < 0
                  ? t("drivers.expired")
                  : t("drivers.expiresIn", { days: format().integer(left() as number) })
              }
            />
          </Show>
        </span>
      )}
    </Show>
  )
}
