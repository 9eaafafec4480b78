import { createContext, useContext } from "solid-js"
import type { ApiClient } from "./client"

export const ApiContext = createContext<ApiClient>()

export const useApi = (): ApiClient => {
  const api = useContext(ApiContext)
  if (!api) throw new Error("useApi must be used inside <ApiContext.Provider>")
  return api
}
