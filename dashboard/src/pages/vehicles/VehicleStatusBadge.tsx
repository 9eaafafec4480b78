import type { VEHICLE_STATUSES } from "@fleetcore/contract"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"

type VehicleStatus = (typeof VEHICLE_STATUSES)[number]

const TONES = {
  active: "success",
  in_maintenance: "warning",
  reserved: "warning",
  rented: "success",
  decommissioned: "danger",
} as const satisfies Record<VehicleStatus, string>

/** A vehicle's status as a coloured badge. */
export const VehicleStatusBadge = (props: { readonly status: VehicleStatus }) => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone={TONES[props.status]}
      testId="vehicle-status"
      status={props.status}
      label={t(`fleet.status_${props.status}`)}
    />
  )
}

/** The "rental expiring" badge (seed 003: within 14 days of the rental's end). */
export const RentalExpiringBadge = () => {
  const { t } = useI18n()
  return (
    <StatusBadge
      tone="warning"
      testId="vehicle-rental-expiring"
      status="expiring"
      label={`⚠ ${t("fleet.rentalExpiring")}`}
    />
  )
}
