import type { Component } from "solid-js"
import { Show } from "solid-js"
import { Dynamic } from "solid-js/web"
import { useSession } from "../auth/SessionContext"
import { MENU, mayOpen } from "./menu"
import { NotAllowedPage } from "./NotAllowedPage"

/** A page of the menu table, shown only to a user whose permissions allow it. */
export const Guarded = (props: { readonly page: string; readonly component: Component }) => {
  const session = useSession()
  const item = MENU.find((entry) => entry.id === props.page)
  if (item === undefined) throw new Error(`no menu entry "${props.page}"`)
  return (
    <Show when={mayOpen(item.access, session.user()?.permissions ?? [])} fallback={<NotAllowedPage />}>
      <Dynamic component={props.component} />
    </Show>
  )
}
