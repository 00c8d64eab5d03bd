package io.ferry.provider.ovirt.imageio;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.image.Extent;
import io.ferry.testing.PayloadFuzz;
import io.ferry.testing.PayloadFuzz.Case;
import io.ferry.testing.PayloadFuzz.Seed;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ovirt-imageio replies mutated ({@link io.ferry.testing.PayloadMutator}) through the readers the upload and download
 * use: OPTIONS (features, max_readers / max_writers), extents (contiguous, exact, never past 2^63) and the checksum
 * API. Each mutant is read or fails with a {@link TransferException} naming what came (never a raw Jackson
 * exception, never a negative or wrapped size). Not jqwik: its maintainers ask AI agents not to use it.
 */
class ImageioMutatedPayloadsTest {
    private static final String URL = "https://host1.example.com:54322/images/…";
    private static final int PER_SEED = 250;

    @TestFactory
    Stream<DynamicTest> mutatedImageioRepliesParseOrFailClearly() {
        List<Case> cases = List.of(
                new Case(Seed.resource("/ovirt/imageio-options.json"), ImageioMutatedPayloadsTest::options),
                new Case(Seed.resource("/ovirt/imageio-extents.json"), ImageioMutatedPayloadsTest::extents),
                new Case(Seed.resource("/ovirt/imageio-checksum.json"), b -> assertThat(ImageioClient.readChecksum(b, URL)).isNotBlank()),
                new Case(Seed.resource("/ovirt/imageio-checksum-algorithms.json"), b -> ImageioClient.offersBlkhash(b, URL)));
        return PayloadFuzz.tests("oVirt imageio", cases, PER_SEED, 1000, new PayloadFuzz.ClearError<>(
                TransferException.class, ImageioMutatedPayloadsTest::unclear));
    }

    static String unclear(TransferException e) {
        if (e.code() == null || e.getMessage() == null || e.getMessage().isBlank()) {
            return "no code or message";
        }
        return e.getMessage().contains("com.fasterxml") || e.getMessage().contains("JsonParseException")
                ? "names Jackson's classes instead of the problem" : null;
    }

    static void options(String body) throws TransferException {
        ImageioOptions o = ImageioClient.readOptions(body, URL);
        assertThat(o.maxReaders()).isPositive();
        assertThat(o.maxWriters()).isPositive();
    }

    static void extents(String body) throws TransferException {
        List<Extent> extents = ImageioClient.readExtents(body, URL);
        long expect = 0;
        for (Extent e : extents) {
            assertThat(e.start()).as("contiguous").isEqualTo(expect);
            assertThat(e.end()).as("no overflow").isGreaterThanOrEqualTo(e.start());
            expect = e.end();
        }
    }
}
