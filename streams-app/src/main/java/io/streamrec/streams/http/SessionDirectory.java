package io.streamrec.streams.http;

import io.streamrec.streams.session.SessionState;
import io.streamrec.streams.topology.TopologySettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/** Where the HTTP answer finds a session: the instance that owns it and, on that instance, its stored state. */
interface SessionDirectory {

    /** The instance that owns the session now, or {@link HostInfo#unavailable()} while none does (rebalancing). */
    HostInfo owner(String sessionKey);

    /** The session's state in this instance's store, or null when it holds none. */
    SessionState stored(String sessionKey);

    /** The session store of a running streams client, read through its interactive queries. */
    static SessionDirectory of(KafkaStreams streams) {
        return new SessionDirectory() {
            @Override
            public HostInfo owner(String sessionKey) {
                KeyQueryMetadata owner = streams.queryMetadataForKey(TopologySettings.STATE_STORE, sessionKey,
                        Serdes.String().serializer());
                return owner == null ? HostInfo.unavailable() : owner.activeHost();
            }

            @Override
            public SessionState stored(String sessionKey) {
                return streams.store(StoreQueryParameters.fromNameAndType(TopologySettings.STATE_STORE,
                        QueryableStoreTypes.<String, SessionState>keyValueStore())).get(sessionKey);
            }
        };
    }
}
