package io.ferry.provider.ims;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImsErrorCodesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "IMG.0024, INVALID_ARGUMENT", "IMG.0026, PERMISSION_DENIED", "IMG.0057, FAILED_PRECONDITION",
        "IMG.0058, FAILED_PRECONDITION", "IMG.0059, OUT_OF_RANGE", "IMG.0060, RESOURCE_EXHAUSTED",
        "IMG.0069, PERMISSION_DENIED", "IMG.0070, ALREADY_EXISTS", "IMG.0071, FAILED_PRECONDITION",
        "IMG.0072, INVALID_ARGUMENT", "IMG.0077, FAILED_PRECONDITION", "IMG.0079, FAILED_PRECONDITION",
        "IMG.0080, FAILED_PRECONDITION", "IMG.0081, FAILED_PRECONDITION", "IMG.0128, FAILED_PRECONDITION",
        "IMG.0148, FAILED_PRECONDITION", "IMG.0160, OUT_OF_RANGE", "IMG.0175, INVALID_ARGUMENT",
        "IMG.0194, RESOURCE_EXHAUSTED", "IMG.1075, INTERNAL", "APIGW.0301, UNAUTHENTICATED", "APIG.0301, UNAUTHENTICATED"
    })
    void eachRowOfTheTable(String vendor, ErrorCode code) {
        assertThat(ImsErrorCodes.map(vendor)).isEqualTo(code);
        assertThat(ImsErrorCodes.map(vendor.toLowerCase())).isEqualTo(code);
    }

    @Test
    void everyRowIsTested() {
        assertThat(ImsErrorCodes.table()).hasSize(22);
    }

    @Test
    void unknownCodesAreUnknown() {
        assertThat(ImsErrorCodes.map("IMG.9999")).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ImsErrorCodes.map(null)).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(ImsErrorCodes.map(" ")).isEqualTo(ErrorCode.UNKNOWN);
    }
}
