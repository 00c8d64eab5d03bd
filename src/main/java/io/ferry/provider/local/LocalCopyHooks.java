package io.ferry.provider.local;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Points where tests reach into a copy: inject the errors the test machine cannot produce (tests run as root, who
 * may read anything) and damage a target between write and verify. Production uses {@link #NONE}; only code in
 * this package (and its tests) can pass another.
 */
interface LocalCopyHooks {
    LocalCopyHooks NONE = new LocalCopyHooks() {};

    /** Before a source file is opened for reading; may throw as {@code open(2)} would. */
    default void beforeRead(Path source) throws IOException {}

    /** Before a source directory is listed; may throw as {@code opendir(3)} would. */
    default void beforeList(Path dir) throws IOException {}

    /** After the temporary target is written and fsynced, before it is re-read for verification. */
    default void afterWrite(Path part) throws IOException {}
}
