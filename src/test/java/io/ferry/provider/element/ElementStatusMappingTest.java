package io.ferry.provider.element;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.domain.TransferPhase;
import io.ferry.provider.remote.MappedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ElementStatusMappingTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "preparing, INITIALIZING",
        "running, TRANSFERRING",
        "active, TRANSFERRING",
        "complete, FINISHED_SUCCESS",
        "done, FINISHED_SUCCESS",
        "failed, FINISHED_FAILURE"
    })
    void eachRowOfTheTable(String raw, TransferPhase phase) {
        MappedStatus m = ElementStatusMapping.map(raw);
        assertThat(m.phase()).isEqualTo(phase);
        assertThat(m.known()).isTrue();
        assertThat(m.raw()).isEqualTo(raw);
    }

    @Test
    void theTableHasExactlyTheSixSpellingsOfTheSources() {
        assertThat(ElementStatusMapping.table()).containsOnlyKeys("preparing", "running", "active", "complete", "done", "failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUNNING", "Done", " failed ", "PrEpArInG"})
    void caseAndSurroundingBlanksDoNotMatter(String raw) {
        MappedStatus m = ElementStatusMapping.map(raw);
        assertThat(m.known()).isTrue();
        assertThat(m.raw()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"paused", "queued", "compressing", "✓"})
    void anUnknownStatusIsUnknownWithItsRawTextKept(String raw) {
        MappedStatus m = ElementStatusMapping.map(raw);
        assertThat(m.phase()).isEqualTo(TransferPhase.UNKNOWN);
        assertThat(m.known()).isFalse();
        assertThat(m.raw()).isEqualTo(raw);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyAreUnknownAndDoNotThrow(String raw) {
        assertThat(ElementStatusMapping.map(raw).phase()).isEqualTo(TransferPhase.UNKNOWN);
    }
}
