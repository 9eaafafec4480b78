import {
  ArrowLeftRight,
  Building2,
  House,
  Map as MapIcon,
  PiggyBank,
  ReceiptText,
  ScrollText,
  Settings,
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
  expenses: ReceiptText,
  budgets: PiggyBank,
  currencyRates: ArrowLeftRight,
}

export const MenuIconView = (props: { readonly icon: MenuIcon }) => {
  const Icon = ICONS[props.icon]
  return <Icon size={18} />
}
