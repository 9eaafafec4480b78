import { type CallOutput, type CommandType, endpoints } from "@fleetcore/contract"
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"
import type { Dictionary } from "../../i18n/en"
import { createLiveSocket, liveSocketUrl } from "../../live/createLiveSocket"

export type CommandRow = CallOutput<typeof endpoints.deviceCommands.list>["items"][number]

/** The commands of one device, newest first. */
export const createCommandsQuery = (deviceId: () => string | null) => {
  const api = useApi()
  return useQuery(() => ({
    queryKey: [endpoints.deviceCommands.list.id, deviceId()] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.deviceCommands.list,
        { params: { id: deviceId() ?? "" }, query: { pageSize: "50" } },
        signal,
      ),
    enabled: deviceId() !== null,
    placeholderData: keepPreviousData,
  }))
}

const isCommandChange = (u: unknown): u is { type: "command"; command: { deviceId: string } } =>
  typeof u === "object" &&
  u !== null &&
  "type" in u &&
  u.type === "command" &&
  "command" in u &&
  typeof u.command === "object" &&
  u.command !== null &&
  "deviceId" in u.command &&
  typeof u.command.deviceId === "string"

/** Reloads a device's commands when the live feed says one of them changed (sent, answered…). */
export const createCommandsLive = () => {
  const api = useApi()
  const queryClient = useQueryClient()
  const reload = (deviceId?: string) =>
    void queryClient.invalidateQueries({
      queryKey:
        deviceId === undefined
          ? [endpoints.deviceCommands.list.id]
          : [endpoints.deviceCommands.list.id, deviceId],
    })
  return createLiveSocket({
    url: liveSocketUrl,
    refresh: api.refresh,
    onMessage: () => {},
    onOpen: () => reload(),
    onOther: (message) => {
      if (isCommandChange(message)) reload(message.command.deviceId)
    },
  })
}

type CommandsKey = keyof Dictionary["commands"]

/** The dictionary key naming each command type. */
export const COMMAND_LABELS: Record<CommandType, CommandsKey> = {
  getinfo: "typeGetinfo",
  getstatus: "typeGetstatus",
  getgps: "typeGetgps",
  getver: "typeGetver",
  setdigout: "typeSetdigout",
  cpureset: "typeCpureset",
  engineStop: "typeEngineStop",
  engineResume: "typeEngineResume",
  where: "typeWhere",
  reset: "typeReset",
  locate: "typeLocate",
  setInterval: "typeSetInterval",
  reboot: "typeReboot",
  raw: "typeRaw",
}

/** The dictionary key and badge tone of each status. */
export const STATUS_VIEW: Record<
  CommandRow["status"],
  { key: CommandsKey; tone: "success" | "warning" | "danger" }
> = {
  queued: { key: "statusQueued", tone: "warning" },
  sent: { key: "statusSent", tone: "warning" },
  acknowledged: { key: "statusAcknowledged", tone: "warning" },
  answered: { key: "statusAnswered", tone: "success" },
  failed: { key: "statusFailed", tone: "danger" },
  expired: { key: "statusExpired", tone: "danger" },
}
