// SPDX-License-Identifier: Apache-2.0
package io.redflag.loadsim;

import java.util.Arrays;

/** Every latency of one route in one phase, in nanoseconds; percentiles by nearest rank over all of them. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int size() {
        return size;
    }

    /**
     * The smallest latency that at least {@code percent} % of the requests did not exceed (nearest rank), in
     * milliseconds; 0 when there were none.
     */
    double percentileMs(double percent) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    double maxMs() {
        long max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, values[i]);
        }
        return max / 1e6;
    }
}
