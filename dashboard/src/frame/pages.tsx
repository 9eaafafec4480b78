import { type Component, lazy } from "solid-js"
import type { MenuItem } from "./menu"

// The map libraries are most of the bundle: load them only when the live page opens. No
// <Suspense> inside it on purpose: a query's `data` read while loading would blank the map.
const HomePage = lazy(() => import("../pages/home/HomePage").then((m) => ({ default: m.HomePage })))
const LivePage = lazy(() => import("../live/LivePage").then((m) => ({ default: m.LivePage })))
const ProfilePage = lazy(() =>
  import("../pages/profile/ProfilePage").then((m) => ({ default: m.ProfilePage })),
)
const AuditPage = lazy(() => import("../pages/audit/AuditPage").then((m) => ({ default: m.AuditPage })))

/**
 * The page of each menu entry (`menu.ts`). An entry without a page here is neither routed nor
 * shown in the sidebar, so the table can name a page before it is built.
 */
export const PAGES: Partial<Record<MenuItem["id"], Component>> = {
  home: HomePage,
  live: LivePage,
  profile: ProfilePage,
  audit: AuditPage,
}

export const hasPage = (item: MenuItem): boolean => PAGES[item.id] !== undefined
