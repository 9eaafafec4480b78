import { endpoints } from "@fleetcore/contract"
import { For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { OnboardingRecord } from "./OnboardingRecord"
import type { StepInput } from "./OnboardingStepForm"

/** The vehicle page's Onboarding tab: stage, checklist from real data, the caller's steps, timeline. */
export const VehicleOnboardingTab = (props: { readonly vehicleId: string }) => {
  const { t, format } = useI18n()
  const api = useApi()
  return (
    <OnboardingRecord
      entityType="vehicle"
      entityId={props.vehicleId}
      queryKey={[endpoints.onboarding.vehicle.id, props.vehicleId]}
      queueKey={[endpoints.onboarding.queue.id]}
      load={(signal) => api.call(endpoints.onboarding.vehicle, { params: { id: props.vehicleId } }, signal)}
      step={(input: StepInput) =>
        api.call(endpoints.onboarding.vehicleStep, {
          params: { id: props.vehicleId },
          body: input as typeof endpoints.onboarding.vehicleStep.body.Encoded,
        })
      }
      head={(o) => (
        <Show when={o().reviewerName !== null && o().reviewedAt !== null}>
          <span>
            {t("onboarding.reviewer", {
              name: o().reviewerName ?? "",
              date: format().dateTime(Date.parse(o().reviewedAt ?? o().since)),
            })}
          </span>
        </Show>
      )}
      details={(o) => (
        <>
          <Show when={o().rejectionReason}>
            {(reason) => <p class="error-banner">{t("onboarding.rejectionReason", { reason: reason() })}</p>}
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
        </>
      )}
      approvalMissing={(o) => o.checklist.filter((i) => !i.done).map((i) => t(`onboarding.item_${i.item}`))}
    />
  )
}
