package io.ferry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.domain.ErrorBreakdown;
import io.ferry.domain.TransferCounters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON columns: counters and error breakdowns in seed 002's shape (the domain's toWire), string maps. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT_MAP = new TypeReference<>() {};
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, String> stringMap(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new StoreException("Stored JSON is damaged: " + e.getOriginalMessage(), e);
        }
    }

    static TransferCounters counters(String json) {
        if (json == null || json.isBlank()) {
            return TransferCounters.EMPTY;
        }
        try {
            return TransferCounters.fromWire(MAPPER.readValue(json, OBJECT_MAP));
        } catch (JsonProcessingException e) {
            throw new StoreException("Stored counters are damaged: " + e.getOriginalMessage(), e);
        }
    }

    static ErrorBreakdown errors(String json) {
        if (json == null || json.isBlank()) {
            return ErrorBreakdown.EMPTY;
        }
        try {
            return ErrorBreakdown.fromWire(MAPPER.readValue(json, LIST));
        } catch (JsonProcessingException e) {
            throw new StoreException("Stored error breakdown is damaged: " + e.getOriginalMessage(), e);
        }
    }
}
