package io.ferry.provider.element;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElementErrorCodesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "xVolumeIDDoesNotExist, NOT_FOUND",
        "xUnknownVolume, NOT_FOUND",
        "xSnapshotIDDoesNotExist, NOT_FOUND",
        "xAccountIDDoesNotExist, NOT_FOUND",
        "xBulkVolumeIDDoesNotExist, NOT_FOUND",
        "xDBNoSuchPath, NOT_FOUND",
        "xExceededLimit, RESOURCE_EXHAUSTED",
        "xUnrecognizedEnumString, INVALID_ARGUMENT",
        "xInvalidParameter, INVALID_ARGUMENT",
        "xInvalidAPIParameter, INVALID_ARGUMENT",
        "xNotPrimary, UNAVAILABLE",
        "xDBConnectionLoss, UNAVAILABLE",
        "xRpcTimeout, DEADLINE_EXCEEDED",
        "xBulkVolumeScriptFailure, ABORTED"
    })
    void eachRowOfTheTable(String name, ErrorCode code) {
        assertThat(ElementErrorCodes.map(name)).isEqualTo(code);
    }

    @Test
    void everyRowIsTested() {
        assertThat(ElementErrorCodes.table()).hasSize(14);
    }

    @Test
    void anUnknownNameIsUnknownAndTheNameStaysInTheSample() {
        assertThat(ElementErrorCodes.map("xSomethingNew")).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ElementErrorCodes.map(null)).isEqualTo(ErrorCode.UNKNOWN);
        ElementRpcException e = new ElementRpcException("https://mvip/json-rpc/9.6", "ListBulkVolumeJobs", "xSomethingNew", 500, "new failure");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(e.sample().errorDetails()).containsExactly("new failure", "name: xSomethingNew", "code: 500", "method: ListBulkVolumeJobs");
    }
}
