package io.streamrec.streams.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps RocksDB's memory for the whole process, following the Kafka Streams memory-management guide. By default every
 * store of every partition gets its own block cache and memtables (about 50 MB each), so memory grows with the
 * partition count; here all stores share one LRU cache, and one write buffer manager charges their memtables to that
 * same cache, so block cache, index and filter blocks and memtables together stay within the configured bytes.
 *
 * <p>Kafka Streams creates one setter per store, but the cache and the manager must be shared, so they are static:
 * created by the first store with the size in {@link #MEMORY_BYTES_CONFIG} and kept for the life of the process
 * (a later instance in the same JVM asking for another size shares the first one's, with a warning). They belong to
 * the process, not to a store, so {@link #close} leaves them alone; this setter creates nothing per store, so it has
 * nothing per store to close.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    public static final String MEMORY_BYTES_CONFIG = "streamrec.rocksdb.memory.bytes";
    public static final long DEFAULT_MEMORY_BYTES = 64L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(BoundedRocksDbMemory.class);
    /** Memtables may take half of the budget; the rest caches blocks. */
    private static final double WRITE_BUFFER_SHARE = 0.5;
    /** Index and filter blocks go to the high-priority pool so that data blocks cannot evict them. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;
    private static long sharedBytes;

    private static synchronized void createShared(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_SHARE);
            writeBufferManager = new WriteBufferManager((long) (bytes * WRITE_BUFFER_SHARE), cache);
            sharedBytes = bytes;
        } else if (bytes != sharedBytes) {
            log.warn("RocksDB memory is already bounded at {} bytes for this process; ignoring {}", sharedBytes,
                    bytes);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_BYTES_CONFIG);
        createShared(configured == null ? DEFAULT_MEMORY_BYTES : Long.parseLong(configured.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared with every other store of the process.
    }
}
