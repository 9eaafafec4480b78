import { endpoints } from "@fleetcore/contract"
import { useApi } from "../../api/ApiContext"
import { OnboardingRecord } from "./OnboardingRecord"
import type { StepInput } from "./OnboardingStepForm"

/** The driver page's Onboarding tab: stage, the caller's steps with notes and documents, timeline. */
export const DriverOnboardingTab = (props: { readonly driverId: string }) => {
  const api = useApi()
  return (
    <OnboardingRecord
      entityType="driver"
      entityId={props.driverId}
      queryKey={[endpoints.onboarding.driver.id, props.driverId]}
      queueKey={[endpoints.onboarding.queue.id]}
      load={(signal) => api.call(endpoints.onboarding.driver, { params: { id: props.driverId } }, signal)}
      step={(input: StepInput) =>
        api.call(endpoints.onboarding.driverStep, {
          params: { id: props.driverId },
          body: input as typeof endpoints.onboarding.driverStep.body.Encoded,
        })
      }
    />
  )
}
