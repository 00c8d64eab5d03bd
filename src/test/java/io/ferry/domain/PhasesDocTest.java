package io.ferry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/phases.md writes the transition table and the phase groups down; this renders both from the code and
 * fails when the document says something else. To update the document, paste the tables the failure prints.
 */
class PhasesDocTest {
    static final Path DOC = Path.of("docs", "phases.md");

    /** The order a reader follows a transfer in. */
    static final List<TransferPhase> ORDER = List.of(TransferPhase.INITIALIZING, TransferPhase.TRANSFERRING,
            TransferPhase.PAUSED_USER, TransferPhase.PAUSED_SYSTEM, TransferPhase.RESUMING,
            TransferPhase.FINALIZING_SUCCESS, TransferPhase.FINALIZING_FAILURE, TransferPhase.CANCELLED,
            TransferPhase.CANCELLED_USER, TransferPhase.CANCELLED_SYSTEM, TransferPhase.FINALIZING_CLEANUP,
            TransferPhase.FINISHED_SUCCESS, TransferPhase.FINISHED_FAILURE, TransferPhase.FINISHED_CLEANUP,
            TransferPhase.UNKNOWN);

    static String transitionTable() {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("| phase \\ action |");
        StringBuilder rule = new StringBuilder("|---|");
        for (PhaseAction a : PhaseAction.values()) {
            head.append(' ').append(a.wireName()).append(" |");
            rule.append("---|");
        }
        lines.add(head.toString());
        lines.add(rule.toString());
        for (TransferPhase p : ORDER) {
            StringBuilder row = new StringBuilder("| `" + p.apiName() + "` |");
            for (PhaseAction a : PhaseAction.values()) {
                Set<TransferPhase> to = PhaseTransitions.targets(p, a);
                row.append(' ')
                        .append(to.isEmpty() ? "—" : to.stream().map(TransferPhase::apiName).sorted()
                                .collect(Collectors.joining(", ")))
                        .append(" |");
            }
            lines.add(row.toString());
        }
        return String.join("\n", lines);
    }

    static String groupTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| phase | oVirt value | group | active | paused | final | operator actions |");
        lines.add("|---|---|---|---|---|---|---|");
        for (TransferPhase p : ORDER) {
            Set<PhaseAction> actions = PhaseTransitions.actionsFrom(p);
            lines.add("| `" + p.apiName() + "` | " + (p.ovirtValue().isPresent() ? p.ovirtValue().getAsInt() : "—")
                    + " | " + p.group().name().toLowerCase() + " | " + yes(p.isActive()) + " | " + yes(p.isPaused())
                    + " | " + yes(p.isFinal()) + " | "
                    + (actions.isEmpty() ? "—" : actions.stream().map(PhaseAction::wireName).collect(Collectors.joining(", ")))
                    + " |");
        }
        return String.join("\n", lines);
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    static String section(String doc, String name) {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        int b = doc.indexOf(begin);
        int e = doc.indexOf(end);
        assertThat(b).as("docs/phases.md has a %s section", name).isNotNegative();
        assertThat(e).as("docs/phases.md ends its %s section", name).isGreaterThan(b);
        return doc.substring(b + begin.length(), e).strip();
    }

    @Test
    void theDocumentedTransitionTableIsTheOneInTheCode() throws Exception {
        assertThat(ORDER).containsExactlyInAnyOrder(TransferPhase.values());
        String doc = Files.readString(DOC);
        assertThat(section(doc, "transition-table"))
                .as("docs/phases.md transition table; the code's is:%n%s%n", transitionTable())
                .isEqualTo(transitionTable());
    }

    @Test
    void theDocumentedPhaseGroupsAreTheOnesInTheCode() throws Exception {
        String doc = Files.readString(DOC);
        assertThat(section(doc, "phase-groups"))
                .as("docs/phases.md phase groups; the code's are:%n%s%n", groupTable())
                .isEqualTo(groupTable());
    }
}
