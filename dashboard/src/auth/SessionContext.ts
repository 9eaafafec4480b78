import { createContext, useContext } from "solid-js"
import type { Session } from "./createSession"

export const SessionContext = createContext<Session>()

export const useSession = (): Session => {
  const session = useContext(SessionContext)
  if (!session) throw new Error("useSession must be used inside <SessionContext.Provider>")
  return session
}
