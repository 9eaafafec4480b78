import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

/** Days from today (UTC) to a calendar day; negative once it has passed. */
export const daysUntil = (isoDate: string, nowMs: number = Date.now()): number => {
  const today = Date.parse(`${new Date(nowMs).toISOString().slice(0, 10)}T00:00:00Z`)
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - today) / 86_400_000)
}

/** Within this many days an expiry date gets its badge. */
export const EXPIRY_WARNING_DAYS = 30

/**
 * A licence or medical expiry date, with a badge when it is within 30 days ("expires in 12 days",
 * amber) or past ("expired", red); nothing beside a date further away, a dash for none.
 */
export const ExpiryDate = (props: { readonly date: string | null; readonly testId: string }) => {
  const { t, format } = useI18n()
  const left = () => (props.date === null ? null : daysUntil(props.date))
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
