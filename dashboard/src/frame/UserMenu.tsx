import { DropdownMenu } from "@kobalte/core/dropdown-menu"
import { useNavigate } from "@solidjs/router"
import { LogOut, UserRound } from "lucide-solid"
import { Show } from "solid-js"
import { useSession } from "../auth/SessionContext"
import { useI18n } from "../i18n/I18nContext"

const initials = (name: string) =>
  name
    .split(/\s+/u)
    .filter((part) => part !== "")
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("")

export const UserMenu = () => {
  const { t } = useI18n()
  const session = useSession()
  const navigate = useNavigate()
  return (
    <Show when={session.user()}>
      {(user) => (
        <DropdownMenu>
          <DropdownMenu.Trigger class="user-chip" data-testid="user-menu">
            <span class="visually-hidden">{t("header.userMenu")}: </span>
            <span class="avatar" aria-hidden="true">
              {initials(user().name || user().email)}
            </span>
            <span class="user-chip__text">
              <span class="user-chip__name">{user().name || user().email}</span>
              <span class="user-chip__role muted" data-testid="user-role">
                {t(`roles.${user().role}`)}
              </span>
            </span>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content class="menu">
              <div class="menu__header">
                <strong>{user().name}</strong>
                <span class="muted">{user().email}</span>
              </div>
              <DropdownMenu.Separator class="menu__separator" />
              <DropdownMenu.Item
                class="menu__item"
                data-testid="menu-profile"
                onSelect={() => navigate("/profile")}
              >
                <UserRound size={16} />
                <span>{t("menu.profile")}</span>
              </DropdownMenu.Item>
              <DropdownMenu.Item
                class="menu__item"
                data-testid="logout"
                onSelect={async () => {
                  await session.logout()
                  navigate("/login", { replace: true })
                }}
              >
                <LogOut size={16} />
                <span>{t("header.logout")}</span>
              </DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu>
      )}
    </Show>
  )
}
