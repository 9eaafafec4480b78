import {
  ArrowLeftRight,
  Building2,
  CarFront,
  Contact,
  FileSignature,
  FileText,
  FileUp,
  Gauge,
  House,
  Map as MapIcon,
  Network,
  PiggyBank,
  ReceiptText,
  ScrollText,
  Settings,
  Shapes,
  UserRound,
  UsersRound,
} from "lucide-solid"
import type { JSX } from "solid-js"
import type { MenuIcon } from "./menu"

const ICONS: Readonly<Record<MenuIcon, (props: { size: number }) => JSX.Element>> = {
  home: House,
  map: MapIcon,
  organisations: Building2,
  users: UsersRound,
  audit: ScrollText,
  profile: UserRound,
  settings: Settings,
  drivers: Contact,
  teams: Network,
  vehicles: CarFront,
  vehicleTypes: Shapes,
  contracts: FileSignature,
  penalties: ReceiptText,
  documents: FileText,
  expenses: ReceiptText,
  budgets: PiggyBank,
  currencyRates: ArrowLeftRight,
  mileage: Gauge,
  imports: FileUp,
}

export const MenuIconView = (props: { readonly icon: MenuIcon }) => {
  const Icon = ICONS[props.icon]
  return <Icon size={18} />
}
