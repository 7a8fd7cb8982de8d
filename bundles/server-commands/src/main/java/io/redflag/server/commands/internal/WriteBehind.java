// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.commands.internal;

import io.redflag.server.store.StoreException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something counted or marked in memory on the hot path and written to the database on a timer of its own (a daemon
 * thread): what could not be written stays for the next round (the database away is a debug line, anything else a
 * warning), and closing writes what is left.
 */
abstract class WriteBehind implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);

    private final ScheduledExecutorService timer;
    private final String what;

    WriteBehind(String thread, String what) {
        this.what = what;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the timer: the last thing a subclass's constructor does (its fields are set by then). */
    final void start(long periodMillis) {
        timer.scheduleWithFixedDelay(() -> flushQuietly(false), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Writes what is held ({@code last}: the node stops, write everything); keeps what it could not write. */
    abstract void flush(boolean last);

    private void flushQuietly(boolean last) {
        try {
            flush(last);
        } catch (StoreException e) {
            LOG.debug("{} not written yet: {}", what, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} not written", what, e);
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly(true);
    }
}
