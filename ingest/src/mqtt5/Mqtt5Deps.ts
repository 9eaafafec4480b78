import type { DeviceLinks } from "../commands/DeviceLinks.js"
import type { CommandPublisher } from "../commands/mqttCommands.js"
import type { DeviceAuthenticator, DeviceIngress } from "../DeviceIngress.js"
import type { CommandBroker } from "./commandBridge.js"
import type { ReasonCode } from "./reasonCodes.js"
import type { Mqtt5SessionRegistry } from "./sessionRegistry.js"

export interface Mqtt5Log {
  info(o: object, m: string): void
  warn(o: object, m: string): void
  debug(o: object, m: string): void
}

/** What an MQTT 5 session needs from the process (re-exported by `Mqtt5Session.ts`). */
export interface Mqtt5Deps {
  readonly auth: DeviceAuthenticator
  readonly ingress: DeviceIngress
  /** Subscribe/unsubscribe to broker-internal messages (the Aedes instance fits). Used to deliver `commands` topic messages to v5 devices. */
  readonly broker: CommandBroker
  readonly log: Mqtt5Log
  /** Seconds; a CONNECT keepalive above it (or 0) is lowered (Server Keep Alive property). */
  readonly maxKeepAliveS: number
  readonly connectTimeoutMs: number
  readonly onConnected?: (deviceId: string) => void
  /** Maximum Packet Size announced to clients; larger packets end the connection. Default 1 MiB + 8 KiB. */
  readonly maxPacketBytes?: number
  /** Told of every connection the session refuses or closes for the client's fault (for metrics). */
  readonly onRefusal?: (reasonCode: ReasonCode) => void
  /** Shared by a listener's connections so a reconnecting device takes over its stale session [MQTT-3.1.4-3]. */
  readonly sessions?: Mqtt5SessionRegistry
  /** Where a device subscribed to its commands topic is offered for commands, and its answers go. */
  readonly links?: DeviceLinks
  /** Publishes commands inside the broker for the device's link (the Aedes instance fits). */
  readonly commandPublisher?: CommandPublisher
}
