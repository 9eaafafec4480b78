import { Effect, Layer } from "effect"
import { Bus } from "./Bus.js"
import type { KafkaBusOptions } from "./KafkaBus.js"

export type { KafkaBusOptions } from "./KafkaBus.js"

/**
 * Kafka as the Bus service; closing it finishes batches in flight, commits, closes the producer.
 * The client library is loaded here, when Kafka is the configured bus, not by every server
 * (~8 MiB of heap; see "Memory at rest" in docs/architecture.md).
 */
export const KafkaBusLayer = (options: KafkaBusOptions) =>
  Layer.effect(
    Bus,
    Effect.acquireRelease(
      Effect.promise(async () => (await import("./KafkaBus.js")).makeKafkaBus(options)),
      (bus) => Effect.promise(() => bus.close()),
    ),
  )
