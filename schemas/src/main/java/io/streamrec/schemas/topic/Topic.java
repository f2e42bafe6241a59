package io.streamrec.schemas.topic;

import org.apache.kafka.common.serialization.Serde;

/** A topic name bound to the serdes of its keys and values, so that writers and readers cannot disagree. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
