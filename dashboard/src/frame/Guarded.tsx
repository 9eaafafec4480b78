import type { Component } from "solid-js"
import { Show } from "solid-js"
import { Dynamic } from "solid-js/web"
import { useSession } from "../auth/SessionContext"
import { type MenuItem, mayOpen } from "./menu"
import { NotAllowedPage } from "./NotAllowedPage"

/** A page of the menu table, shown only to a user whose permissions allow it. */
export const Guarded = (props: { readonly item: MenuItem; readonly component: Component }) => {
  const session = useSession()
  return (
    <Show when={mayOpen(props.item.access, session.user()?.permissions ?? [])} fallback={<NotAllowedPage />}>
      <Dynamic component={props.component} />
    </Show>
  )
}
