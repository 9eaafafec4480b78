/**
 * Packet size limits for every MQTT connection, 3.1.1 and 5, over TCP and WebSocket.
 *
 * A device's largest legitimate packet is a PUBLISH carrying a 1 MiB payload (the HTTP body limit);
 * before it is authenticated a connection may send only its CONNECT, and that stays small.
 */
export const MAX_PACKET_BYTES = 1024 * 1024 + 8 * 1024
/** The CONNECT (client id, device id, secret, a small Will) is read with this limit, before authentication. */
export const MAX_CONNECT_BYTES = 4 * 1024

/** The limit for the i-th packet of a connection: the first one is the CONNECT [MQTT-3.1.0-1]. */
export const packetLimit =
  (maxPacketBytes: number) =>
  (packetIndex: number): number =>
    packetIndex === 0 ? Math.min(MAX_CONNECT_BYTES, maxPacketBytes) : maxPacketBytes
