import { A } from "@solidjs/router"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { EmptyState } from "../../ui/EmptyState"
import { ErrorState } from "../../ui/ErrorState"
import { Spinner } from "../../ui/Spinner"
import type { ListResult } from "../../ui/table/DataTable"
import { PenaltyActions } from "./PenaltyActions"
import { PenaltyStatusBadge } from "./PenaltyStatusBadge"
import type { PenaltyView } from "./penaltyColumns"

/** A driver's own fines as cards (phone width first), each with the steps the driver may take. */
export const MyPenaltyCards = (props: { readonly result: ListResult<PenaltyView> }) => {
  const { t, format } = useI18n()
  return (
    <Show when={!props.result.isLoading} fallback={<Spinner label={t("states.loading")} />}>
      <Show
        when={!props.result.isError}
        fallback={<ErrorState error={props.result.error} retry={props.result.refetch} />}
      >
        <Show
          when={(props.result.data?.items.length ?? 0) > 0}
          fallback={<EmptyState title={t("contractsPenalties.penalties.emptyMine")} />}
        >
          <ul class="penalty-cards" data-testid="my-penalties">
            <For each={props.result.data?.items}>
              {(p) => (
                <li class="panel penalty-card" data-testid="my-penalty">
                  <div class="penalty-card__head">
                    <strong class="penalty-card__amount">{format().money(p.amount, p.currency)}</strong>
                    <PenaltyStatusBadge status={p.status} />
                  </div>
                  <A href={`/penalties/${p.id}`} class="penalty-card__reason">
                    {p.reason}
                  </A>
                  <p class="muted">
                    {format().dateTime(Date.parse(p.offenceAt))} · {p.vehicleName}
                    {p.dueDate === null
                      ? ""
                      : ` · ${t("contractsPenalties.penalties.dueOn", { date: format().day(p.dueDate) })}`}
                  </p>
                  <PenaltyActions penalty={p} />
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </Show>
  )
}
