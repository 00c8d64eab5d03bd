package io.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.domain.Transfer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two Ferry processes on one data directory: the second runner is refused with one clear line. */
class RunnerLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunnerProcessGetsTheClearMessageAndTheStoreStaysIntact() throws Exception {
        Transfer t = SqliteStoreTest.richTransfer("keep-me");
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.save(t);
        }
        Process child = new ProcessBuilder(System.getProperty("ferry.test.java", "java"), "-cp",
                System.getProperty("java.class.path"), RunnerLockHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("LOCKED ");
            long pid = Long.parseLong(line.substring("LOCKED ".length()));
            assertThat(pid).isEqualTo(child.pid());

            assertThat(RunnerLock.runnerPid(dir)).hasValue(pid);
            assertThatThrownBy(() -> RunnerLock.acquire(dir))
                    .isInstanceOf(RunnerLockedException.class)
                    .hasMessage("Another Ferry process (pid " + pid + ") is running transfers from " + dir
                            + ". Close it, or use --data-dir to use another directory.");
            // readers still work beside the runner, and nothing was touched
            try (SqliteStore store = SqliteStore.open(dir)) {
                assertThat(store.loadAll()).containsExactly(t);
            }
        } finally {
            child.getOutputStream().close();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(RunnerLock.runnerPid(dir)).isEmpty();
        try (RunnerLock lock = RunnerLock.acquire(dir)) {
            assertThat(RunnerLock.runnerPid(dir)).hasValue(ProcessHandle.current().pid());
        }
    }

    @Test
    void theLockDiesWithAKilledRunner() throws Exception {
        Process child = new ProcessBuilder(System.getProperty("ferry.test.java", "java"), "-cp",
                System.getProperty("java.class.path"), RunnerLockHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).startsWith("LOCKED ");
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (RunnerLock lock = RunnerLock.acquire(dir)) {
            assertThat(lock.dataDir()).isEqualTo(dir);
        }
    }

    @Test
    void inOneProcessASecondAcquireIsRefusedToo() throws Exception {
        try (RunnerLock first = RunnerLock.acquire(dir)) {
            assertThatThrownBy(() -> RunnerLock.acquire(dir))
                    .isInstanceOf(RunnerLockedException.class)
                    .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")");
        }
    }
}
