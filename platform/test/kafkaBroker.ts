/** The broker lives beside the transport (benchmarks start it too); tests import it from here. */
export {
  type KafkaBroker,
  type KafkaBrokerOptions,
  kafkaLibs,
  startKafkaBroker,
} from "../src/kafka/kafkaBroker.js"
