import "./onboarding.css"
import { endpoints } from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { For, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { ErrorState } from "../../ui/ErrorState"
import { Spinner } from "../../ui/Spinner"
import { OnboardingStatusBadge } from "./OnboardingStatusBadge"
import { OnboardingStepForm, type StepInput } from "./OnboardingStepForm"
import { OnboardingTimeline } from "./OnboardingTimeline"

/** The vehicle page's Onboarding tab: stage, checklist from real data, the caller's steps, timeline. */
export const VehicleOnboardingTab = (props: { readonly vehicleId: string }) => {
  const { t, format } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const key = () => [endpoints.onboarding.vehicle.id, props.vehicleId] as const
  const query = useQuery(() => ({
    queryKey: key(),
    queryFn: ({ signal }) =>
      api.call(endpoints.onboarding.vehicle, { params: { id: props.vehicleId } }, signal),
  }))
  const step = async (input: StepInput) => {
    const next = await api.call(endpoints.onboarding.vehicleStep, {
      params: { id: props.vehicleId },
      body: input as typeof endpoints.onboarding.vehicleStep.body.Encoded,
    })
    queryClient.setQueryData(key(), next)
    await queryClient.invalidateQueries({ queryKey: [endpoints.onboarding.queue.id] })
  }
  return (
    <Switch>
      <Match when={query.isLoading}>
        <Spinner label={t("states.loading")} />
      </Match>
      <Match when={query.isError}>
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      </Match>
      <Match when={query.data}>
        {(o) => (
          <div class="onboarding" data-testid="vehicle-onboarding">
            <div class="onboarding__head">
              <OnboardingStatusBadge status={o().status} />
              <span class="muted">
                {t("onboarding.since", { date: format().dateTime(Date.parse(o().since)) })}
              </span>
              <Show when={o().reviewerName !== null && o().reviewedAt !== null}>
                <span>
                  {t("onboarding.reviewer", {
                    name: o().reviewerName ?? "",
                    date: format().dateTime(Date.parse(o().reviewedAt ?? o().since)),
                  })}
                </span>
              </Show>
            </div>
            <Show when={o().rejectionReason}>
              {(reason) => (
                <p class="error-banner">{t("onboarding.rejectionReason", { reason: reason() })}</p>
              )}
            </Show>
            <section class="panel">
              <h3>{t("onboarding.checklist")}</h3>
              <ul class="onboarding__checklist" data-testid="onboarding-checklist">
                <For each={o().checklist}>
                  {(i) => (
                    <li class="onboarding__check" data-item={i.item} data-done={String(i.done)}>
                      <span
                        class={i.done ? "onboarding__mark--done" : "onboarding__mark--missing"}
                        aria-hidden="true"
                      >
                        {i.done ? "✓" : "✗"}
                      </span>
                      <span>{t(`onboarding.item_${i.item}`)}</span>
                      <span class="muted">{i.detail ?? t("onboarding.missing")}</span>
                    </li>
                  )}
                </For>
              </ul>
            </section>
            <OnboardingStepForm
              entityType="vehicle"
              entityId={props.vehicleId}
              steps={o().nextSteps}
              approvalMissing={o()
                .checklist.filter((i) => !i.done)
                .map((i) => t(`onboarding.item_${i.item}`))}
              onStep={step}
            />
            <OnboardingTimeline createdAt={o().createdAt} events={o().timeline} />
          </div>
        )}
      </Match>
    </Switch>
  )
}
