import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Fuel } from "lucide-solid"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { fromZonedInput, toZonedInput } from "../../i18n/timeZone"
import { uploadDocument } from "../../ui/documents/uploadDocument"
import { createSchemaForm } from "../../ui/form/createSchemaForm"
import { FormError } from "../../ui/form/FormError"
import { MONEY, numberOf, readNumber } from "../../ui/form/numberText"
import { SelectField } from "../../ui/form/SelectField"
import { SubmitButton } from "../../ui/form/SubmitButton"
import { TextField } from "../../ui/form/TextField"
import { Spinner } from "../../ui/Spinner"
import { showToast } from "../../ui/toast"
import { showLimitWarnings } from "../fuel/showLimitWarnings"
import { POSITIVE, type RefuelValues, refuelForm } from "./driverForms"
import { PhotoField } from "./PhotoField"

type Card = (typeof endpoints.fuel.listCards.response.Encoded)["items"][number]

/**
 * Log a refuel from the phone: the existing fuel entry endpoint (checked against the rated
 * consumption and the paying card's limits, whose warnings are shown), then the receipt photo
 * uploaded to the refuel's expense (kind receipt). A refused photo keeps the saved refuel and says
 * so. The driver pays with one of the cards they may use (their own, their vehicles'), which the
 * list of cards gives them, or otherwise (cash, their own bank card).
 */
export const RefuelCard = (props: { readonly vehicleId: string; readonly driverId: string | null }) => {
  const { t } = useI18n()
  const cards = createListQuery(endpoints.fuel.listCards, () => ({
    query: { active: "true" as const, sort: "name", pageSize: "100" },
  }))
  return (
    <section class="panel driver-card" data-testid="driver-refuel">
      <h2 class="driver-card__title">
        <Fuel size={18} aria-hidden="true" />
        {t("overview.driver.refuel")}
      </h2>
      <Show when={!cards.isPending} fallback={<Spinner label={t("states.loading")} />}>
        <RefuelFormView
          vehicleId={props.vehicleId}
          driverId={props.driverId}
          cards={cards.data?.items ?? []}
        />
      </Show>
    </section>
  )
}

const RefuelFormView = (props: {
  readonly vehicleId: string
  readonly driverId: string | null
  readonly cards: ReadonlyArray<Card>
}) => {
  const { t, format, locale, zone } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [receipt, setReceipt] = createSignal<File | null>(null)
  // The card issued to the driver is the default, when there is exactly one.
  const ownCard = () => {
    const own = props.cards.filter((c) => props.driverId !== null && c.driverId === props.driverId)
    return own.length === 1 ? (own[0]?.id ?? "") : ""
  }
  const empty = (): RefuelValues => ({
    time: toZonedInput(Date.now(), zone()),
    litres: "",
    odometerKm: "",
    amount: "",
    fuelCardId: ownCard(),
  })
  const form = createSchemaForm({
    schema: refuelForm(locale(), zone()),
    defaultValues: empty(),
    onSubmit: async (v) => {
      const entry = await api.call(endpoints.fuel.createEntry, {
        params: { id: props.vehicleId },
        body: {
          time: new Date(fromZonedInput(v.time, zone())).toISOString(),
          litres: numberOf(v.litres, locale(), POSITIVE),
          odometerKm: numberOf(v.odometerKm, locale(), POSITIVE),
          amount: readNumber(v.amount, locale(), MONEY),
          fuelCardId: v.fuelCardId === "" ? null : v.fuelCardId,
        },
      })
      const photo = receipt()
      let photoError: string | null = null
      if (photo !== null) {
        try {
          await uploadDocument(
            photo,
            { entityType: "expense", entityId: entry.id, kind: "receipt", expiresOn: "" },
            { onProgress: () => undefined, refresh: api.refresh },
          )
        } catch (error) {
          photoError = error instanceof Error ? error.message : String(error)
        }
      }
      if (photoError === null) showToast("success", t("overview.driver.refuelSaved"))
      else showToast("error", t("overview.driver.photoFailed", { message: photoError }))
      showLimitWarnings(t, format(), entry.warnings)
      form.form.reset(empty())
      setReceipt(null)
      await Promise.all(
        [endpoints.fuel.listEntries.id, endpoints.home.summary.id].map((id) =>
          queryClient.invalidateQueries({ queryKey: [id] }),
        ),
      )
    },
  })
  const field = (name: "litres" | "odometerKm", label: string) => (
    <form.form.Field name={name}>
      {(f) => (
        <TextField
          field={f}
          label={label}
          inputmode="decimal"
          autocomplete="off"
          invalid={t("overview.driver.invalidNumber")}
          data-testid={`refuel-${name}`}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  const card = form.form.useSelector((s) => props.cards.find((c) => c.id === s.values.fuelCardId))
  const cardLabel = (c: Card) => (c.numberLast4 === null ? c.name : `${c.name} · •••• ${c.numberLast4}`)
  return (
    <form class="form" onSubmit={form.handleSubmit} novalidate>
      <form.form.Field name="time">
        {(f) => (
          <TextField
            field={f}
            label={t("overview.driver.when")}
            type="datetime-local"
            max={toZonedInput(Date.now(), zone())}
            invalid={t("overview.driver.whenInvalid")}
            data-testid="refuel-time"
            {...form.serverProps("time")}
          />
        )}
      </form.form.Field>
      {field("litres", t("overview.driver.litres"))}
      {field("odometerKm", t("overview.driver.odometerKm"))}
      <form.form.Field name="amount">
        {(f) => (
          <TextField
            field={f}
            label={t("overview.driver.amount")}
            inputmode="decimal"
            autocomplete="off"
            hint={
              card() === undefined ? "" : t("overview.driver.amountIn", { currency: card()?.currency ?? "" })
            }
            invalid={t("overview.driver.invalidNumber")}
            data-testid="refuel-amount"
            {...form.serverProps("amount")}
          />
        )}
      </form.form.Field>
      <form.form.Field name="fuelCardId">
        {(f) => (
          <SelectField
            field={f}
            label={t("overview.driver.paidWith")}
            options={[
              ...props.cards.map((c) => ({ value: c.id, label: cardLabel(c) })),
              { value: "", label: t("overview.driver.paidOther") },
            ]}
            testId="refuel-card"
            {...form.serverProps("fuelCardId")}
          />
        )}
      </form.form.Field>
      <PhotoField
        label={t("overview.driver.receipt")}
        choose={t("overview.driver.choosePhoto")}
        name="receipt"
        file={receipt()}
        onChange={setReceipt}
      />
      <FormError error={form.formError()} />
      <SubmitButton
        submitting={form.submitting()}
        label={t("overview.driver.save")}
        submittingLabel={t("fleet.saving")}
        testId="refuel-submit"
      />
    </form>
  )
}
