package io.streamrec.streams.lines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelSlotTest {

    static final class FakeModel implements AutoCloseable {
        final String name;
        final AtomicInteger closed = new AtomicInteger();

        FakeModel(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void isEmptyUntilAModelIsInstalled() {
        try (ModelSlot<FakeModel> slot = new ModelSlot<>()) {
            assertThat(slot.lease()).isEmpty();
            assertThat(slot.peek()).isEmpty();
        }
    }

    @Test
    void closesTheReplacedModelOnlyAfterItsLastLeaseIsReleased() {
        ModelSlot<FakeModel> slot = new ModelSlot<>();
        FakeModel old = new FakeModel("old");
        FakeModel fresh = new FakeModel("new");
        slot.install(old);
        ModelSlot.Lease<FakeModel> first = slot.lease().orElseThrow();
        ModelSlot.Lease<FakeModel> second = slot.lease().orElseThrow();

        slot.install(fresh);
        assertThat(first.model()).isSameAs(old);
        assertThat(old.closed).hasValue(0);
        first.close();
        assertThat(old.closed).hasValue(0);
        second.close();
        assertThat(old.closed).hasValue(1);
        second.close();
        assertThat(old.closed).as("a lease releases once however often it is closed").hasValue(1);

        try (ModelSlot.Lease<FakeModel> after = slot.lease().orElseThrow()) {
            assertThat(after.model()).isSameAs(fresh);
        }
        assertThat(fresh.closed).hasValue(0);
        slot.close();
        assertThat(fresh.closed).hasValue(1);
    }

    @Test
    void closesAReplacedModelWithNoLeasesAtOnce() {
        ModelSlot<FakeModel> slot = new ModelSlot<>();
        FakeModel old = new FakeModel("old");
        slot.install(old);
        slot.install(new FakeModel("new"));
        assertThat(old.closed).hasValue(1);
        slot.close();
    }

    @Test
    void concurrentLeasesAndSwapsCloseEveryRetiredModelExactlyOnceAndNeverWhileLeased() throws Exception {
        ModelSlot<FakeModel> slot = new ModelSlot<>();
        java.util.List<FakeModel> installed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        FakeModel initial = new FakeModel("m0");
        installed.add(initial);
        slot.install(initial);
        AtomicInteger usedWhileClosed = new AtomicInteger();
        Thread[] users = new Thread[4];
        for (int t = 0; t < users.length; t++) {
            users[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    try (ModelSlot.Lease<FakeModel> lease = slot.lease().orElseThrow()) {
                        if (lease.model().closed.get() > 0) {
                            usedWhileClosed.incrementAndGet();
                        }
                    }
                }
            });
            users[t].start();
        }
        for (int i = 1; i <= 200; i++) {
            FakeModel m = new FakeModel("m" + i);
            installed.add(m);
            slot.install(m);
        }
        for (Thread user : users) {
            user.join();
        }
        slot.close();
        assertThat(usedWhileClosed).hasValue(0);
        assertThat(installed).allSatisfy(m -> assertThat(m.closed).hasValue(1));
    }
}
