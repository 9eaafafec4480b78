import { encodeFrame } from "./Gt06Frame.js"
import { PROTOCOL } from "./protocolNumbers.js"

/**
 * Time check (protocol 0x8A, "time calibration" of Concox's later revisions): a terminal without a
 * GPS or network time asks the server for it with an empty content; the answer is 0x8A with the UTC
 * date-time (6 bytes: year − 2000, month, day, hour, minute, second) and the request's serial.
 */
export const encodeTimeAnswer = (serial: number, nowMs: number): Buffer => {
  const d = new Date(nowMs)
  return encodeFrame(
    PROTOCOL.timeRequest,
    Buffer.from([
      d.getUTCFullYear() - 2000,
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ]),
    serial,
  )
}
