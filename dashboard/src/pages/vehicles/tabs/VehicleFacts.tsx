import { For, type JSX } from "solid-js"
import { useI18n } from "../../../i18n/I18nContext"
import { formatKm, formatMoney } from "../vehicleFormat"
import type { VehicleView } from "../vehicleQueries"

/** The vehicle record read-only, as labelled facts; empty fields show a dash. */
export const VehicleFacts = (props: { readonly vehicle: VehicleView }) => {
  const { t, format } = useI18n()
  const v = () => props.vehicle
  const dash = t("fleet.none")
  const day = (d: string | null) => (d === null ? dash : format().day(d))
  // The tracker's own reading where it is a kilometre or more off the vehicle's odometer (wound
  // back, jumped, or counting from its installation): what the vehicle's figure is not.
  const trackerOdometer = (): ReadonlyArray<readonly [string, JSX.Element]> => {
    const deviceM = v().last?.odometerM ?? null
    const km = v().odometerKm
    return deviceM === null || km === null || Math.abs(deviceM / 1000 - km) < 1
      ? []
      : [[t("fleet.trackerOdometer"), formatKm(format(), Math.round(deviceM / 100) / 10)]]
  }
  const facts = (): ReadonlyArray<readonly [string, JSX.Element]> => [
    [t("fleet.name"), v().name],
    [t("fleet.plate"), v().plate ?? dash],
    [t("fleet.vin"), v().vin ?? dash],
    [t("fleet.type"), v().vehicleType?.name ?? dash],
    [t("fleet.brand"), v().brand ?? dash],
    [t("fleet.model"), v().model ?? dash],
    [t("fleet.year"), v().year ?? dash],
    [t("fleet.colour"), v().colour ?? dash],
    [t("fleet.bodyType"), v().bodyType ? t(`fleet.body_${v().bodyType as "sedan"}`) : dash],
    [t("fleet.fuelType"), v().fuelType ? t(`fleet.fuel_${v().fuelType as "diesel"}`) : dash],
    [
      t("fleet.engineVolume"),
      v().engineVolumeL === null ? dash : format().decimal(v().engineVolumeL as number, 1),
    ],
    [t("fleet.transmission"), v().transmission ? t(`fleet.transmission_${v().transmission as "cvt"}`) : dash],
    [t("fleet.seats"), v().seats ?? dash],
    [t("fleet.odometer"), v().odometerKm === null ? dash : formatKm(format(), v().odometerKm as number)],
    ...trackerOdometer(),
    [t("fleet.driver"), v().assignedDriver?.name ?? t("fleet.noDriver")],
    [
      t("fleet.lastSeen"),
      v().lastSeenAt === null ? t("fleet.never") : format().dateTime(Date.parse(v().lastSeenAt as string)),
    ],
    [t("fleet.statusChangedOn"), day(v().statusChangedOn)],
    [t("fleet.purchaseDate"), day(v().purchaseDate)],
    [t("fleet.purchasePrice"), formatMoney(format(), v().purchasePrice, v().purchaseCurrency) || dash],
    [t("fleet.commissionedOn"), day(v().commissionedOn)],
    [t("fleet.department"), v().department ?? dash],
    [t("fleet.notes"), v().notes ?? dash],
    ...(v().rental
      ? ([
          [t("fleet.rentalStartsOn"), day(v().rentalStartsOn)],
          [t("fleet.rentalEndsOn"), day(v().rentalEndsOn)],
          [
            t("fleet.rentalMonthlyCost"),
            formatMoney(format(), v().rentalMonthlyCost, v().rentalCurrency) || dash,
          ],
          [t("fleet.lessor"), v().lessor ?? dash],
        ] as const)
      : []),
  ]
  return (
    <dl class="facts vehicle-facts" data-testid="vehicle-facts">
      <For each={facts()}>
        {([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        )}
      </For>
    </dl>
  )
}
