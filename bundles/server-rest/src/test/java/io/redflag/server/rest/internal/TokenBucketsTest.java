// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstPassesThenTheRateHoldsAndEachKeyHasItsOwnBucket() {
        TokenBuckets b = new TokenBuckets(2, 3);
        long t = 0;
        assertThat(b.take("a", t)).isZero();
        assertThat(b.take("a", t)).isZero();
        assertThat(b.take("a", t)).isZero();
        assertThat(b.take("a", t)).as("burst used up: wait for the next token").isEqualTo(1);
        assertThat(b.take("b", t)).as("another caller is not affected").isZero();
        assertThat(b.waitFor("a", t)).isEqualTo(1);
        assertThat(b.take("a", t + SECOND / 2)).as("2 per second: one token after half a second").isZero();
        assertThat(b.take("a", t + SECOND / 2)).isEqualTo(1);
        assertThat(b.take("a", t + 10 * SECOND)).isZero();
        assertThat(b.waitFor("never-seen", t)).isZero();
    }

    @Test
    void slowRatesAskForLongerWaitsAndNonsenseIsRefused() {
        TokenBuckets b = new TokenBuckets(0.1, 1);
        assertThat(b.take("a", 0)).isZero();
        assertThat(b.take("a", 0)).isEqualTo(10);
        assertThatThrownBy(() -> new TokenBuckets(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memoryStaysBoundedWhateverTheCallersSend() {
        TokenBuckets b = new TokenBuckets(1000, 1);
        for (int i = 0; i < TokenBuckets.MAX_KEYS; i++) {
            b.take("k" + i, 0);
        }
        assertThat(b.size()).isEqualTo(TokenBuckets.MAX_KEYS);
        // a second later every bucket is full again and is forgotten when the next caller comes
        b.take("late", SECOND);
        assertThat(b.size()).isEqualTo(1);
    }

    @Test
    void whileTheTableIsFullOfBusyCallersNewOnesShareOneBucket() {
        TokenBuckets b = new TokenBuckets(0.001, 1);
        for (int i = 0; i < TokenBuckets.MAX_KEYS; i++) {
            b.take("k" + i, 0);
        }
        // every bucket is empty and stays so: nothing can be forgotten, new callers go to the overflow bucket
        assertThat(b.take("new-1", SECOND)).isZero();
        assertThat(b.take("new-2", SECOND)).as("the overflow bucket is used up").isPositive();
        assertThat(b.size()).isEqualTo(TokenBuckets.MAX_KEYS + 1);
        assertThat(b.take("k7", SECOND)).as("known callers keep their own bucket").isPositive();
    }
}
