import "./onboarding.css"
import { endpoints } from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { Match, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { ErrorState } from "../../ui/ErrorState"
import { Spinner } from "../../ui/Spinner"
import { OnboardingStatusBadge } from "./OnboardingStatusBadge"
import { OnboardingStepForm, type StepInput } from "./OnboardingStepForm"
import { OnboardingTimeline } from "./OnboardingTimeline"

/** The driver page's Onboarding tab: stage, the caller's steps with notes and documents, timeline. */
export const DriverOnboardingTab = (props: { readonly driverId: string }) => {
  const { t, format } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const key = () => [endpoints.onboarding.driver.id, props.driverId] as const
  const query = useQuery(() => ({
    queryKey: key(),
    queryFn: ({ signal }) =>
      api.call(endpoints.onboarding.driver, { params: { id: props.driverId } }, signal),
  }))
  const step = async (input: StepInput) => {
    const next = await api.call(endpoints.onboarding.driverStep, {
      params: { id: props.driverId },
      body: input as typeof endpoints.onboarding.driverStep.body.Encoded,
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
          <div class="onboarding" data-testid="driver-onboarding">
            <div class="onboarding__head">
              <OnboardingStatusBadge status={o().status} />
              <span class="muted">
                {t("onboarding.since", { date: format().dateTime(Date.parse(o().since)) })}
              </span>
            </div>
            <OnboardingStepForm
              entityType="driver"
              entityId={props.driverId}
              steps={o().nextSteps}
              onStep={step}
            />
            <OnboardingTimeline createdAt={o().createdAt} events={o().timeline} />
          </div>
        )}
      </Match>
    </Switch>
  )
}
