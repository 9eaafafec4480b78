import { endpoints } from "@fleetcore/contract"
import { DropdownMenu } from "@kobalte/core/dropdown-menu"
import { Building2, ChevronsUpDown } from "lucide-solid"
import { For, Show } from "solid-js"
import { createAllPagesQuery } from "../api/createAllPagesQuery"
import { errorMessage } from "../api/errorMessage"
import { useSession } from "../auth/SessionContext"
import { useI18n } from "../i18n/I18nContext"
import { showToast } from "../ui/toast"
import { MenuRadioItem } from "./MenuRadioItem"

/**
 * The owner acts inside one organisation at a time: choosing another starts a session there (the
 * page's cached data is dropped with the old organisation, so every query loads afresh).
 */
export const OrganisationSwitcher = () => {
  const { t } = useI18n()
  const session = useSession()
  const organisations = createAllPagesQuery(endpoints.organisations.list, () => ({
    query: { sort: "name" },
    staleTime: 60_000,
  }))
  const switchTo = async (id: string) => {
    if (id === session.user()?.orgId) return
    try {
      await session.switchOrganisation(id)
      showToast("success", t("frame.switchedTo", { name: session.user()?.orgName ?? "" }))
    } catch (error) {
      showToast("error", t("frame.switchFailed"), errorMessage(t, error))
    }
  }
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger class="org-switcher" data-testid="org-switcher">
        <Building2 size={16} aria-hidden="true" />
        <span class="visually-hidden">{t("frame.organisation")}: </span>
        <span class="org-switcher__name" data-testid="org-name">
          {session.user()?.orgName}
        </span>
        <ChevronsUpDown size={14} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu menu--wide">
          <p class="menu__label">{t("frame.switchOrganisation")}</p>
          <Show when={organisations.isError}>
            <p class="menu__label error-text">{errorMessage(t, organisations.error)}</p>
          </Show>
          <DropdownMenu.RadioGroup value={session.user()?.orgId ?? ""} onChange={(id) => void switchTo(id)}>
            <For each={organisations.data?.items ?? []}>
              {(org) => (
                <MenuRadioItem value={org.id} testId="org-option" name={org.name}>
                  <span>{org.name}</span>
                  <Show when={org.status === "suspended"}>
                    <span class="badge badge--warning">{t("frame.suspended")}</span>
                  </Show>
                </MenuRadioItem>
              )}
            </For>
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
