package io.ferry.provider.element;

import com.fasterxml.jackson.databind.JsonNode;

/** What StartBulkVolumeRead / StartBulkVolumeWrite return: the async handle, the job key and the node's URL. */
public record StartedBulkVolumeJob(long asyncHandle, String key, String url) {
    public static StartedBulkVolumeJob from(JsonNode n) {
        return new StartedBulkVolumeJob(Json.longValue(n, "asyncHandle"), Json.text(n, "key"), Json.text(n, "url"));
    }
}
