import type { BusHandler, BusTransport } from "./Bus.js"
import type { MetricsShape } from "./Metrics.js"

/**
 * The bus with its hops measured, whatever the transport: how long a publish waits for the bus's
 * acknowledgement (`fleet_bus_publish_seconds`, per topic), how long each group's handler takes
 * over a batch and how large the batch is (`fleet_bus_handler_seconds`, `fleet_bus_batch_records`),
 * and the consumer lag per partition read at each scrape (`fleet_bus_consumer_lag_records`).
 * One observation per publish call or batch; nothing per record.
 */
export const instrumentBus = (bus: BusTransport, metrics: MetricsShape): BusTransport => {
  if (bus.lag !== undefined) metrics.watchBusLag(bus.lag)
  const publishSeconds = new Map<string, ReturnType<typeof metrics.busPublishSeconds.labels>>()
  const timerOf = (topic: string) => {
    let timer = publishSeconds.get(topic)
    if (timer === undefined) {
      timer = metrics.busPublishSeconds.labels({ topic })
      publishSeconds.set(topic, timer)
    }
    return timer
  }
  return {
    // A plain function, not an async one: it runs once a message at full rate.
    publish: (topic, messages) => {
      const started = performance.now()
      const timer = timerOf(topic.name)
      return bus.publish(topic, messages).then(() => timer.observe((performance.now() - started) / 1000))
    },
    subscribe: (topic, group, handler, options) => {
      const labels = { topic: topic.name, group }
      const seconds = metrics.busHandlerSeconds.labels(labels)
      const sizes = metrics.busBatchRecords.labels(labels)
      const timed: BusHandler<unknown> = async (batch, partition, previous) => {
        const started = performance.now()
        await (handler as BusHandler<unknown>)(batch, partition, previous)
        seconds.observe((performance.now() - started) / 1000)
        sizes.observe(batch.length)
      }
      return bus.subscribe(topic, group, timed, options)
    },
    pending: bus.pending,
    ...(bus.lag === undefined ? {} : { lag: bus.lag }),
    close: bus.close,
  }
}
