package io.streamrec.streams.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Lets the click processor write an event's answer and state after {@code process()} has returned (from its
 * punctuator, or from the commit barrier's flush) exactly as if it were still processing that event: the same
 * processor node forwards, and the same record context (source topic, partition, offset, timestamp, headers) goes
 * with the output, the changelog write and the store's position. Kafka Streams' own record caches forward their
 * records at commit time the same way; its public API has no other means to, hence the internal interface, confined
 * to this class.
 */
final class DeferredForwarding {
    private final InternalProcessorContext<?, ?> context;
    private ProcessorNode<?, ?, ?, ?> node;

    DeferredForwarding(ProcessorContext<?, ?> context) {
        this.context = (InternalProcessorContext<?, ?>) context;
    }

    /** Called while processing an event: the record context to answer it with later. */
    ProcessorRecordContext capture() {
        if (node == null) {
            node = context.currentNode();
        }
        return context.recordContext();
    }

    /** Runs {@code work} as the processing of the event whose context {@link #capture()} returned. */
    void as(ProcessorRecordContext recordContext, Runnable work) {
        ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
        ProcessorRecordContext previousRecord = context.recordContext();
        context.setCurrentNode(node);
        context.setRecordContext(recordContext);
        try {
            work.run();
        } finally {
            context.setCurrentNode(previousNode);
            context.setRecordContext(previousRecord);
        }
    }
}
