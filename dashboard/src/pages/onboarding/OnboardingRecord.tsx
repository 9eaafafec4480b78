import "./onboarding.css"
import type { OnboardingEvent } from "@fleetcore/contract"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { type Accessor, type JSX, Match, Switch } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { ErrorState } from "../../ui/ErrorState"
import { Spinner } from "../../ui/Spinner"
import { OnboardingStatusBadge } from "./OnboardingStatusBadge"
import { OnboardingStepForm, type StepInput } from "./OnboardingStepForm"
import { OnboardingTimeline } from "./OnboardingTimeline"

/** What every record's onboarding answer has: its stage, since when, the caller's steps, its history. */
interface Onboarding {
  readonly status: string
  readonly since: string
  readonly createdAt: string
  readonly nextSteps: ReadonlyArray<string>
  readonly timeline: ReadonlyArray<typeof OnboardingEvent.Encoded>
}

/**
 * A record's Onboarding tab: loads its stage, takes the caller's steps (the answer replaces the
 * cached one and the queue reloads), and shows the stage, what `details` adds, the step form and
 * the timeline; the record's own parts (a vehicle's reviewer and checklist) come from the caller.
 */
export const OnboardingRecord = <T extends Onboarding>(props: {
  readonly entityType: "vehicle" | "driver"
  readonly entityId: string
  readonly queryKey: ReadonlyArray<unknown>
  readonly queueKey: ReadonlyArray<unknown>
  readonly load: (signal: AbortSignal) => Promise<T>
  readonly step: (input: StepInput) => Promise<T>
  /** Beside the stage in the head. */
  readonly head?: (o: Accessor<T>) => JSX.Element
  /** Between the head and the step form. */
  readonly details?: (o: Accessor<T>) => JSX.Element
  /** What approval still waits for, in the reader's language. */
  readonly approvalMissing?: (o: T) => ReadonlyArray<string>
}) => {
  const { t, format } = useI18n()
  const queryClient = useQueryClient()
  const query = useQuery(() => ({ queryKey: props.queryKey, queryFn: ({ signal }) => props.load(signal) }))
  const step = async (input: StepInput) => {
    queryClient.setQueryData(props.queryKey, await props.step(input))
    await queryClient.invalidateQueries({ queryKey: props.queueKey })
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
          <div class="onboarding" data-testid={`${props.entityType}-onboarding`}>
            <div class="onboarding__head">
              <OnboardingStatusBadge status={o().status} />
              <span class="muted">
                {t("onboarding.since", { date: format().dateTime(Date.parse(o().since)) })}
              </span>
              {props.head?.(o)}
            </div>
            {props.details?.(o)}
            <OnboardingStepForm
              entityType={props.entityType}
              entityId={props.entityId}
              steps={o().nextSteps}
              {...(props.approvalMissing === undefined
                ? {}
                : { approvalMissing: props.approvalMissing(o()) })}
              onStep={step}
            />
            <OnboardingTimeline createdAt={o().createdAt} events={o().timeline} />
          </div>
        )}
      </Match>
    </Switch>
  )
}
