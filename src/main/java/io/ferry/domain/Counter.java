package io.ferry.domain;

import java.util.Optional;

/** The 21 counters of a Storage Transfer operation (seed 002), with their JSON names. */
public enum Counter {
    OBJECTS_FOUND_FROM_SOURCE("objectsFoundFromSource"),
    BYTES_FOUND_FROM_SOURCE("bytesFoundFromSource"),
    OBJECTS_FOUND_ONLY_FROM_SINK("objectsFoundOnlyFromSink"),
    BYTES_FOUND_ONLY_FROM_SINK("bytesFoundOnlyFromSink"),
    OBJECTS_FROM_SOURCE_SKIPPED_BY_SYNC("objectsFromSourceSkippedBySync"),
    BYTES_FROM_SOURCE_SKIPPED_BY_SYNC("bytesFromSourceSkippedBySync"),
    OBJECTS_COPIED_TO_SINK("objectsCopiedToSink"),
    BYTES_COPIED_TO_SINK("bytesCopiedToSink"),
    OBJECTS_DELETED_FROM_SOURCE("objectsDeletedFromSource"),
    BYTES_DELETED_FROM_SOURCE("bytesDeletedFromSource"),
    OBJECTS_DELETED_FROM_SINK("objectsDeletedFromSink"),
    BYTES_DELETED_FROM_SINK("bytesDeletedFromSink"),
    OBJECTS_FROM_SOURCE_FAILED("objectsFromSourceFailed"),
    BYTES_FROM_SOURCE_FAILED("bytesFromSourceFailed"),
    OBJECTS_FAILED_TO_DELETE_FROM_SINK("objectsFailedToDeleteFromSink"),
    BYTES_FAILED_TO_DELETE_FROM_SINK("bytesFailedToDeleteFromSink"),
    DIRECTORIES_FOUND_FROM_SOURCE("directoriesFoundFromSource"),
    DIRECTORIES_FAILED_TO_LIST_FROM_SOURCE("directoriesFailedToListFromSource"),
    DIRECTORIES_SUCCESSFULLY_LISTED_FROM_SOURCE("directoriesSuccessfullyListedFromSource"),
    INTERMEDIATE_OBJECTS_CLEANED_UP("intermediateObjectsCleanedUp"),
    INTERMEDIATE_OBJECTS_FAILED_CLEANED_UP("intermediateObjectsFailedCleanedUp");

    private final String jsonName;

    Counter(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** True for the byte counters (shown with byte units). */
    public boolean isBytes() {
        return jsonName.startsWith("bytes");
    }

    public static Optional<Counter> fromJsonName(String name) {
        for (Counter c : values()) {
            if (c.jsonName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
