import {
  BODY_TYPES,
  CURRENCIES,
  endpoints,
  FUEL_TYPES,
  normaliseVin,
  TRANSMISSIONS,
  VEHICLE_STATUSES,
  vinCheckDigit,
} from "@fleetcore/contract"
import { type JSX, Show } from "solid-js"
import { createAllPagesQuery } from "../../api/createAllPagesQuery"
import { useI18n } from "../../i18n/I18nContext"
import type { SchemaForm } from "../../ui/form/createSchemaForm"
import { SelectField } from "../../ui/form/SelectField"
import { TextAreaField } from "../../ui/form/TextAreaField"
import { TextField } from "../../ui/form/TextField"
import type { VehicleValues } from "./vehicleForm"

type Name = keyof VehicleValues & string

/** The vehicle's fields a vehicle type also has (`VehicleType`): choosing the type fills them in. */
const FROM_TYPE = ["brand", "model", "fuelType"] as const
type FromType = (typeof FROM_TYPE)[number]

/**
 * Every field of the vehicle record, in sections (identity, technical, purchase and service,
 * organisation, rental); the new-vehicle page adds the initial status. Choosing a vehicle type
 * fills in its brand, model and fuel where they are empty.
 */
export const VehicleFields = (props: {
  readonly form: SchemaForm<VehicleValues>
  readonly withStatus: boolean
}) => {
  const { t } = useI18n()
  const form = props.form
  const types = createAllPagesQuery(endpoints.vehicleTypes.list, () => ({ query: { sort: "name" } }))
  const vinInvalid = () => {
    const vin = normaliseVin(form.form.getFieldValue("vin"))
    const digit = vin.length === 17 ? vinCheckDigit(vin) : undefined
    return digit !== undefined && vin[8] !== digit
      ? t("fleet.vinCheckDigit", { digit })
      : t("fleet.vinInvalid")
  }

  // What the chosen type last filled in: choosing another type replaces it, never what the person typed.
  let filled: Partial<Record<FromType, string>> = {}
  const fillFromType = (typeId: string) => {
    const type = types.data?.items.find((candidate) => candidate.id === typeId)
    const next: Record<FromType, string> = {
      brand: type?.brand ?? "",
      model: type?.model ?? "",
      fuelType: type?.fuelType ?? "",
    }
    for (const name of FROM_TYPE) {
      const current = form.form.getFieldValue(name)
      if ((current === "" || current === filled[name]) && current !== next[name])
        form.form.setFieldValue(name, next[name])
    }
    filled = next
  }

  const text = (
    name: Name,
    label: string,
    extra: { hint?: string; invalid?: string; type?: string; inputmode?: "decimal" | "numeric" } = {},
  ): JSX.Element => (
    <form.form.Field name={name}>
      {(field) => (
        <TextField
          field={field}
          label={label}
          autocomplete="off"
          data-testid={`vehicle-${name}`}
          {...(extra.type ? { type: extra.type } : {})}
          {...(extra.inputmode ? { inputmode: extra.inputmode } : {})}
          {...(extra.hint ? { hint: extra.hint } : {})}
          {...(extra.invalid ? { invalid: extra.invalid } : {})}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  const select = (name: Name, label: string, options: ReadonlyArray<{ value: string; label: string }>) => (
    <form.form.Field name={name}>
      {(field) => (
        <SelectField
          field={field}
          label={label}
          testId={`vehicle-${name}`}
          options={options}
          {...form.serverProps(name)}
        />
      )}
    </form.form.Field>
  )
  const none = { value: "", label: t("fleet.notSet") }
  const currencies = CURRENCIES.map((c) => ({ value: c, label: c }))
  const rental = form.form.useStore((s) => s.values.rental === "true")

  return (
    <>
      <fieldset class="form-section">
        <legend>{t("fleet.sectionIdentity")}</legend>
        <div class="form--pair form--top">
          {text("name", t("fleet.name"), { invalid: t("fleet.nameRequired") })}
          {text("plate", t("fleet.plate"), { hint: t("fleet.plateHint"), invalid: t("fleet.plateInvalid") })}
        </div>
        <div class="form--pair form--top">
          <form.form.Field name="vin">
            {(field) => (
              <TextField
                field={field}
                label={t("fleet.vin")}
                autocomplete="off"
                data-testid="vehicle-vin"
                hint={t("fleet.vinHint")}
                invalid={vinInvalid()}
                {...form.serverProps("vin")}
              />
            )}
          </form.form.Field>
          <form.form.Field name="vehicleTypeId" listeners={{ onChange: ({ value }) => fillFromType(value) }}>
            {(field) => (
              <SelectField
                field={field}
                label={t("fleet.type")}
                testId="vehicle-vehicleTypeId"
                options={[
                  { value: "", label: t("fleet.typeNone") },
                  ...(types.data?.items ?? []).map((type) => ({
                    value: type.id,
                    label: type.universal ? `${type.name} · ${t("fleet.typeScope_universal")}` : type.name,
                  })),
                ]}
                {...form.serverProps("vehicleTypeId")}
              />
            )}
          </form.form.Field>
        </div>
        <div class="form--triple form--top">
          {text("brand", t("fleet.brand"))}
          {text("model", t("fleet.model"))}
          {text("year", t("fleet.year"), { invalid: t("fleet.yearInvalid"), inputmode: "numeric" })}
        </div>
        <div class="form--pair form--top">
          {text("colour", t("fleet.colour"))}
          <Show when={props.withStatus}>
            {select(
              "status",
              t("fleet.status"),
              VEHICLE_STATUSES.map((s) => ({ value: s, label: t(`fleet.status_${s}`) })),
            )}
          </Show>
        </div>
      </fieldset>
      <fieldset class="form-section">
        <legend>{t("fleet.sectionTechnical")}</legend>
        <div class="form--triple form--top">
          {select("bodyType", t("fleet.bodyType"), [
            none,
            ...BODY_TYPES.map((b) => ({ value: b, label: t(`fleet.body_${b}`) })),
          ])}
          {select("fuelType", t("fleet.fuelType"), [
            none,
            ...FUEL_TYPES.map((f) => ({ value: f, label: t(`fleet.fuel_${f}`) })),
          ])}
          {select("transmission", t("fleet.transmission"), [
            none,
            ...TRANSMISSIONS.map((x) => ({ value: x, label: t(`fleet.transmission_${x}`) })),
          ])}
        </div>
        <div class="form--pair form--top">
          {text("engineVolumeL", t("fleet.engineVolume"), {
            invalid: t("fleet.numberInvalid"),
            inputmode: "decimal",
          })}
          {text("seats", t("fleet.seats"), { invalid: t("fleet.numberInvalid"), inputmode: "numeric" })}
        </div>
      </fieldset>
      <fieldset class="form-section">
        <legend>{t("fleet.sectionPurchase")}</legend>
        <div class="form--triple form--top">
          {text("purchaseDate", t("fleet.purchaseDate"), { type: "date", invalid: t("fleet.dateInvalid") })}
          {text("purchasePrice", t("fleet.purchasePrice"), {
            invalid: t("fleet.moneyInvalid"),
            inputmode: "decimal",
          })}
          {select("purchaseCurrency", t("fleet.currency"), currencies)}
        </div>
        <div class="form--pair form--top">
          {text("commissionedOn", t("fleet.commissionedOn"), {
            type: "date",
            invalid: t("fleet.dateInvalid"),
          })}
          {text("commissionedOdometerKm", t("fleet.commissionedOdometer"), {
            invalid: t("fleet.numberInvalid"),
            inputmode: "decimal",
          })}
        </div>
      </fieldset>
      <fieldset class="form-section">
        <legend>{t("fleet.sectionOrganisation")}</legend>
        {text("department", t("fleet.department"))}
        <form.form.Field name="notes">
          {(field) => (
            <TextAreaField
              field={field}
              label={t("fleet.notes")}
              maxLength={4000}
              testId="vehicle-notes"
              {...form.serverProps("notes")}
            />
          )}
        </form.form.Field>
      </fieldset>
      <fieldset class="form-section">
        <legend>{t("fleet.sectionRental")}</legend>
        {select("rental", t("fleet.rental"), [
          { value: "false", label: t("fleet.rentalNo") },
          { value: "true", label: t("fleet.rentalYes") },
        ])}
        <Show when={rental()}>
          <div class="form--pair form--top">
            {text("rentalStartsOn", t("fleet.rentalStartsOn"), {
              type: "date",
              invalid: t("fleet.dateInvalid"),
            })}
            {text("rentalEndsOn", t("fleet.rentalEndsOn"), { type: "date", invalid: t("fleet.dateInvalid") })}
          </div>
          <div class="form--triple form--top">
            {text("rentalMonthlyCost", t("fleet.rentalMonthlyCost"), {
              invalid: t("fleet.moneyInvalid"),
              inputmode: "decimal",
            })}
            {select("rentalCurrency", t("fleet.currency"), currencies)}
            {text("lessor", t("fleet.lessor"))}
          </div>
        </Show>
      </fieldset>
    </>
  )
}
