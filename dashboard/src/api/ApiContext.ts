import { type Client, makeClient } from "@fleetcore/contract"
import { createContext, useContext } from "solid-js"
import { browserExclusive, makeTransport } from "./makeTransport"

export interface Api {
  /** A declared endpoint, typed by the contract: `api.call(endpoints.me.get, {})`. */
  readonly call: Client["call"]
  /**
   * A GET of a route not declared in the contract yet (the live map's vehicles and tracks, until
   * their routes move onto it); same transport, so the same session, refresh and errors.
   */
  readonly get: <T>(url: string, signal?: AbortSignal) => Promise<T>
  /** Rotates the session now (the live socket asks after the server closed it with 4401). */
  readonly refresh: () => Promise<void>
}

export const makeApi = (onSessionLost: () => void): Api => {
  const transport = makeTransport({
    fetch: (input, init) => fetch(input, init),
    cookies: () => document.cookie,
    exclusive: browserExclusive,
    onSessionLost,
  })
  return {
    call: makeClient(transport).call,
    get: <T>(url: string, signal?: AbortSignal) =>
      transport.send({ method: "GET", url, body: undefined, ...(signal ? { signal } : {}) }) as Promise<T>,
    refresh: transport.refresh,
  }
}

export const ApiContext = createContext<Api>()

export const useApi = (): Api => {
  const api = useContext(ApiContext)
  if (!api) throw new Error("useApi must be used inside <ApiContext.Provider>")
  return api
}
