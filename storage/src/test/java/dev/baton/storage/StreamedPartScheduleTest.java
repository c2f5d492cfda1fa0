package dev.baton.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sizes {@link StreamedUpload#partSize} gives the streamed parts of an upload with an expected size. */
class StreamedPartScheduleTest {

    private static final int MIB = 1024 * 1024;
    private static final int MIN_PART = S3Client.MIN_PART_BYTES;
    private static final int SLACK = StreamedUpload.STREAMING_SLACK;

    /** The streamed parts for a bound, in order. */
    private static List<Integer> schedule(long bound, int partSize) {
        List<Integer> parts = new ArrayList<>();
        long sent = 0;
        for (int size; (size = StreamedUpload.partSize(bound - sent, partSize)) > 0; ) {
            parts.add(size);
            sent += size;
        }
        return parts;
    }

    @Test
    void aSixteenMegabyteUploadIsOneStreamedPartAndALastOneOfAtMostTheSlack() {
        long bound = 16L * MIB + 300; // the file and a form's envelope
        assertThat(schedule(bound, 16 * MIB)).containsExactly((int) (bound - SLACK));
    }

    @Test
    void aBoundWithinTheSmallestPartAndTheSlackStreamsNothing() {
        assertThat(schedule(MIN_PART + SLACK - 1, 16 * MIB)).isEmpty();
        assertThat(schedule(MIN_PART + SLACK, 16 * MIB)).containsExactly(MIN_PART);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 8, 16, 64})
    void everyPartIsAtLeastTheSmallestAndAtMostThePartSizeAndLittleIsLeftForTheLastPart(int partMiB) {
        int partSize = partMiB * MIB;
        for (long bound = MIN_PART + SLACK; bound < 300L * MIB; bound += 777_777) {
            List<Integer> parts = schedule(bound, partSize);
            long streamed = parts.stream().mapToLong(Integer::longValue).sum();
            assertThat(parts).as("bound %d", bound).allSatisfy(size -> assertThat(size).isBetween(MIN_PART, partSize));
            assertThat(streamed).as("bound %d", bound).isLessThanOrEqualTo(bound - SLACK);
            assertThat(bound - streamed).as("left for the last part, bound %d", bound).isLessThan(MIN_PART + SLACK);
            assertThat(parts.size()).as("parts for bound %d", bound)
                    .isLessThanOrEqualTo((int) ((bound - SLACK) / partSize) + 2);
        }
    }
}
