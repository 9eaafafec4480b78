import { A } from "@solidjs/router"
import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { EXPIRING_WITHIN_DAYS } from "./ContractStatusBadge"
import { createContractSummaryQuery } from "./contractQueries"

/** A card for the home page: contracts ending within 30 days (and expired ones), linking to the list. */
export const ExpiringContractsCard = () => {
  const { t, format } = useI18n()
  const summary = createContractSummaryQuery(() => EXPIRING_WITHIN_DAYS)
  return (
    <A
      href={`/contracts?expiringWithinDays=${EXPIRING_WITHIN_DAYS}`}
      class="card"
      data-testid="contracts-expiring-card"
    >
      <p class="card__label">
        {t("contractsPenalties.contracts.expiringCard", { days: String(EXPIRING_WITHIN_DAYS) })}
      </p>
      <p class="card__value" data-testid="contracts-expiring-count">
        {format().integer(summary.data?.expiring ?? 0)}
      </p>
      <Show when={(summary.data?.expired ?? 0) > 0}>
        <p class="muted">
          {t("contractsPenalties.contracts.expiredCount", {
            count: format().integer(summary.data?.expired ?? 0),
          })}
        </p>
      </Show>
    </A>
  )
}
