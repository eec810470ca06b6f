package io.leaseledger.streaming;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubnetSequenceCheckTest {
    private final SubnetSequenceCheck check = new SubnetSequenceCheck();

    @Test
    void eachSubnetsEventsInSequenceAreInOrderWhateverTheInterleavingAndTheFirstSequenceOfASession() {
        assertThat(check.inOrder("198.18.0.0/24", 7, 100)).isTrue(); // a session starting mid-stream
        assertThat(check.inOrder("198.18.1.0/24", 0, 101)).isTrue();
        assertThat(check.inOrder("198.18.0.0/24", 8, 102)).isTrue();
        assertThat(check.inOrder("198.18.1.0/24", 1, 103)).isTrue();
    }

    @Test
    void anEventThatOvertookAnEarlierOneOfItsSubnetAndTheLateOneAreBothOutOfOrder() {
        assertThat(check.inOrder("198.18.0.0/24", 1, 10)).isTrue();
        assertThat(check.inOrder("198.18.0.0/24", 3, 11)).as("2 left out").isFalse();
        assertThat(check.inOrder("198.18.0.0/24", 2, 12)).as("2 after 3").isFalse();
        assertThat(check.inOrder("198.18.0.0/24", 4, 13)).as("the one after the highest read").isTrue();
        assertThat(check.inOrder("198.18.1.0/24", 0, 14)).as("another subnet is not affected").isTrue();
    }

    @Test
    void anEventReadTwiceInOneSessionIsOutOfOrder() {
        assertThat(check.inOrder("198.18.0.0/24", 5, 10)).isTrue();
        assertThat(check.inOrder("198.18.0.0/24", 5, 10)).isFalse();
        assertThat(check.inOrder("198.18.0.0/24", 6, 11)).isTrue();
    }
}
