package io.ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.cli.Canary;
import io.ferry.provider.ovirt.server.ImageioServer;
import io.ferry.store.EncryptedFileSecretStore;
import io.ferry.store.SecretStoreTransferSecrets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of an imageio upload end to end, against the in-repo imageio server (in this JVM, so killing Ferry
 * does not touch it): {@code ferry imageio upload} of a 256 MiB file in a child JVM (real launcher, engine, oVirt
 * provider in plain imageio mode, SQLite store) is killed with SIGKILL at five random points of its progress, and
 * once more while it verifies when the poll catches that; each time {@code ferry resume-all} restarts it. After
 * the second kill (or the first after it that finds some), 4 KiB of what the server holds unflushed are zeroed, as
 * an imageio restart could lose them: the restarted run must find them when it re-checks that part of the prefix,
 * and send them again. At the end the server's image is byte-identical to the file, and the history tells what
 * happened: one restore per kill at the durable checkpoint (never from zero, never backwards), only moves the
 * phase table allows, and finished_success once, last. The transfer URL's ticket is kept only in the encrypted
 * secrets file (the child has FERRY_PASSPHRASE), where every restart reads it back; at the end it has left that
 * file too, and no file of the data directory (database, WAL, logs) holds it.
 */
class ImageioUploadKilledWithSigkillAgainstInRepoImageioServerTest {
    private static final long SIZE = 256L << 20;
    private static final long MiB = 1 << 20;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private final long seed = System.nanoTime();
    private final SplittableRandom random = new SplittableRandom(seed);

    @Test
    void anUploadKilledAtFiveRandomPointsFinishesWithIdenticalBytesOnTheServerAndACorrectHistory() throws Exception {
        Path src = FerryChild.writeRandom(work.resolve("disk.img"), SIZE, random);
        Path image = Files.createFile(work.resolve("server-image.raw"));
        FerryChild ferry = new FerryChild(dataDir, work, "upload");
        // 32 MiB/s: a checkpoint about every second, 8 s a pass — room for six kills
        ferry.setBandwidthLimit(32 * MiB);
        try (ImageioServer server = ImageioServer.http()) {
            String ticket = "a1b2c3d4-0000-4000-8000-000000000001";
            String url = server.addTicket(ticket, image, SIZE, Set.of("read", "write"), Duration.ofHours(1));
            ferry.start("imageio", "upload", src.toString(), url);
            String id = await(ferry, x -> x.bytesDone() > 0).id();
            List<Long> durableAtKill = new ArrayList<>();
            long damagedAt = -1;
            for (int kill = 1; kill <= 5; kill++) {
                Thread.sleep(random.nextInt(1000)); // somewhere between two checkpoints
                durableAtKill.add(ferry.killAndRead(id).bytesDone());
                Map<String, String> a = ferry.load(id).attributes();
                long sent = Long.parseLong(a.getOrDefault("done_below", "0"));
                long flushed = Long.parseLong(a.getOrDefault("flushed_below", "0"));
                if (damagedAt < 0 && kill >= 2 && sent > flushed) { // once, at the first kill from the second on that finds some
                    damagedAt = flushed + random.nextLong(sent - flushed); // in what was sent without flush
                    damage(image, damagedAt);
                }
                ferry.start("resume-all");
                int restarts = kill;
                long before = durableAtKill.getLast();
                Transfer now = await(ferry, x -> FerryChild.restoredCount(x) >= restarts
                        && (x.bytesDone() > before || x.phase().isFinal()));
                assertThat(now.phase()).as("seed %d: the upload ended before kill %d", seed, kill + 1)
                        .isNotEqualTo(TransferPhase.FINISHED_SUCCESS);
            }
            // a sixth kill while the upload is verified (finalizing_success), when the poll catches it
            Optional<Transfer> verifying = ferry.awaitOrEnd(x -> x.phase() == TransferPhase.FINALIZING_SUCCESS, WAIT);
            boolean restarted = true;
            if (verifying.isPresent() && ferry.isAlive()) {
                Transfer atKill = ferry.killAndRead(id);
                restarted = !atKill.phase().isFinal(); // the kill may come just after the end
                if (restarted) {
                    durableAtKill.add(atKill.bytesDone());
                    ferry.start("resume-all");
                }
            }
            if (restarted) {
                assertThat(ferry.process().waitFor(180, TimeUnit.SECONDS)).as("seed %d: the last run ends", seed).isTrue();
                assertThat(ferry.process().exitValue()).as("seed %d: exit code of the last run (%s)", seed, ferry.lastLog()).isZero();
            }

            assertThat(damagedAt).as("seed %d: the unflushed prefix was damaged after one of the kills", seed).isGreaterThanOrEqualTo(0);
            assertThat(Files.mismatch(src, image)).as("seed %d: first byte differing on the server", seed).isEqualTo(-1L);
            Transfer done = ferry.load(id);
            assertThat(done.phase()).isEqualTo(TransferPhase.FINISHED_SUCCESS);
            assertThat(done.bytesDone()).isEqualTo(SIZE);
            assertThat(done.attributes()).containsKey("verified");
            assertThat(FerryChild.historyProblems(done)).as("seed %d: history %s", seed, done.history()).isEmpty();
            List<Long> restoredAt = FerryChild.restoredAt(done);
            assertThat(restoredAt).as("seed %d: one restore per kill, at the durable checkpoint", seed)
                    .containsExactlyElementsOf(durableAtKill);
            assertThat(restoredAt).as("never backwards").isSorted();
            assertThat(restoredAt.getFirst()).as("never from zero").isGreaterThan(0);

            // every restart read the URL back from the secrets file (FERRY_PASSPHRASE); the ticket is nowhere else
            assertThat(done.option("imageio_url", "")).isEqualTo(server.base() + "/images/***");
            assertThat(new EncryptedFileSecretStore(dataDir, FerryChild.PASSPHRASE.toCharArray())
                    .get(SecretStoreTransferSecrets.refFor(id))).as("the URL left the secrets file at the end").isEmpty();
            Canary.assertNowhereIn(dataDir, "seed " + seed + ": after the kills", List.of(ticket));
        }
    }

    /** What an imageio restart could do to data written without flush: 4 KiB of it become zeros. */
    private static void damage(Path image, long at) throws Exception {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4096), at);
            ch.force(false);
        }
    }

    private Transfer await(FerryChild ferry, java.util.function.Predicate<Transfer> condition) throws InterruptedException {
        return ferry.awaitOrEnd(condition, WAIT).orElseThrow(() -> new AssertionError("seed " + seed
                + ": the child ended (exit " + ferry.process().exitValue() + ") before the expected state: " + ferry.lastLog()));
    }
}
