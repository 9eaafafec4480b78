import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { createSignal, createUniqueId } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { useI18n } from "../../../i18n/I18nContext"
import { dayIn, dayStartIso } from "../../../i18n/timeZone"
import { DriverPicker } from "../../../ui/form/DriverPicker"
import { FieldShell } from "../../../ui/form/FieldShell"
import { FormError } from "../../../ui/form/FormError"
import { SubmitButton } from "../../../ui/form/SubmitButton"
import { showToast } from "../../../ui/toast"
import { invalidateVehicles } from "../vehicleQueries"

const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/u.test(s)

/**
 * Assigns an active driver to the vehicle from a day (seed 003 step 2.3), open-ended unless an end
 * day is given; the server refuses a period that overlaps another driver's, with its reason.
 */
export const AssignDriverForm = (props: { readonly vehicleId: string }) => {
  const { t, zone } = useI18n()
  const api = useApi()
  // A day starts at midnight in the zone the UI speaks.
  const startOf = (day: string): string => dayStartIso(day, zone()) ?? day
  const queryClient = useQueryClient()
  const ids = { from: createUniqueId(), to: createUniqueId() }
  const [driverId, setDriverId] = createSignal("")
  const [from, setFrom] = createSignal(dayIn(Date.now(), zone()))
  const [to, setTo] = createSignal("")
  const [tried, setTried] = createSignal(false)
  const [error, setError] = createSignal<unknown>(undefined)
  const [submitting, setSubmitting] = createSignal(false)
  const missing = (ok: boolean) => (tried() && !ok ? t("fleet.assignRequired") : undefined)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setTried(true)
    if (driverId() === "" || !isDay(from()) || (to() !== "" && !isDay(to()))) return
    setSubmitting(true)
    setError(undefined)
    try {
      await api.call(endpoints.assignments.create, {
        params: { id: props.vehicleId },
        body: { driverId: driverId(), startsAt: startOf(from()), endsAt: to() === "" ? null : startOf(to()) },
      })
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [endpoints.assignments.list.id] }),
        invalidateVehicles(queryClient),
      ])
      setDriverId("")
      setTo("")
      setTried(false)
      showToast("success", t("fleet.assignDone"))
    } catch (failure) {
      setError(failure)
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <form class="form vehicle-subform" onSubmit={submit} data-testid="assign-form" novalidate>
      <h3>{t("fleet.assignDriver")}</h3>
      <div class="form--triple form--top">
        <DriverPicker
          label={t("fleet.driver")}
          name="driverId"
          value={driverId()}
          onChange={setDriverId}
          activeOnly
          serverError={missing(driverId() !== "")}
          testId="assign-driver"
        />
        <FieldShell id={ids.from} label={t("fleet.startsAt")} name="startsAt" error={missing(isDay(from()))}>
          <input
            id={ids.from}
            class="input"
            type="date"
            value={from()}
            onInput={(e) => setFrom(e.currentTarget.value)}
            data-testid="assign-from"
          />
        </FieldShell>
        <FieldShell
          id={ids.to}
          label={t("fleet.endsAt")}
          name="endsAt"
          hint={t("fleet.assignOpenHint")}
          error={undefined}
        >
          <input
            id={ids.to}
            class="input"
            type="date"
            value={to()}
            onInput={(e) => setTo(e.currentTarget.value)}
            data-testid="assign-to"
          />
        </FieldShell>
      </div>
      <FormError error={error()} />
      <div class="form__actions">
        <SubmitButton
          submitting={submitting()}
          label={t("fleet.assignDriver")}
          submittingLabel={t("fleet.adding")}
          testId="assign-submit"
        />
      </div>
    </form>
  )
}
