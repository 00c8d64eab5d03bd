package io.ferry.store;

import java.nio.file.Path;

/** Child-JVM main for the runner-lock test: takes the lock, says so, and holds it until stdin closes. */
public final class RunnerLockHolder {
    private RunnerLockHolder() {}

    public static void main(String[] args) throws Exception {
        try (RunnerLock lock = RunnerLock.acquire(Path.of(args[0]))) {
            System.out.println("LOCKED " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
