package io.ferry.provider.ims;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.TransferPhase;
import io.ferry.provider.remote.MappedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImsStatusMappingTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"INIT, INITIALIZING", "RUNNING, TRANSFERRING", "SUCCESS, FINISHED_SUCCESS", "FAIL, FINISHED_FAILURE"})
    void eachRowOfTheTable(String raw, TransferPhase phase) {
        MappedStatus m = ImsStatusMapping.map(raw);
        assertThat(m.phase()).isEqualTo(phase);
        assertThat(m.known()).isTrue();
        assertThat(m.raw()).isEqualTo(raw);
    }

    @Test
    void theTableHasExactlyTheFourDocumentedValues() {
        assertThat(ImsStatusMapping.table()).containsOnlyKeys("init", "running", "success", "fail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"success", "Running", " fail", "init "})
    void caseDoesNotMatterAsSeed004sOwnMemberResultsSayLowercaseSuccess(String raw) {
        assertThat(ImsStatusMapping.map(raw).known()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUEUED", "FAILED", "SUCCEEDED", "PENDING"})
    void anUnknownStatusIsUnknownWithTheRawTextKept(String raw) {
        MappedStatus m = ImsStatusMapping.map(raw);
        assertThat(m.phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(m.raw()).isEqualTo(raw);
        assertThat(m.known()).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyDoNotThrow(String raw) {
        assertThat(ImsStatusMapping.map(raw).phase()).isEqualTo(TransferPhase.UNKNOWN);
    }
}
