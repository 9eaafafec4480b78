/**
 * Keep Alive monitoring: fires when nothing arrived from the client within 1.5 x its Keep Alive
 * [MQTT-3.1.2-22]. Suspended while the session is not reading (backpressure), since a client's
 * packets then wait in the socket unseen.
 */
export interface KeepAliveTimer {
  /** Seconds of Keep Alive as settled in CONNECT / CONNACK (0: off); counts from the next touch. */
  readonly start: (keepAliveS: number) => void
  /** A packet arrived, or reading resumed: the silence starts now. */
  readonly touch: () => void
  readonly suspend: () => void
}

export const makeKeepAliveTimer = (onExpired: () => void): KeepAliveTimer => {
  let periodMs = 0
  let timer: NodeJS.Timeout | undefined
  const touch = () => {
    if (periodMs === 0) return
    if (timer === undefined) timer = setTimeout(onExpired, periodMs)
    else timer.refresh()
  }
  return {
    start: (keepAliveS) => {
      periodMs = keepAliveS * 1500
    },
    touch,
    suspend: () => {
      clearTimeout(timer)
      timer = undefined
    },
  }
}
