package io.ferry.cli;

import io.ferry.domain.Transfer;
import java.util.List;

/** Finds a transfer by its id or a unique prefix of it (as {@code ferry list} shows them, 8 characters). */
final class TransferIds {
    private TransferIds() {}

    static Transfer find(List<Transfer> all, String idOrPrefix) {
        String want = idOrPrefix.trim();
        for (Transfer t : all) {
            if (t.id().equals(want)) {
                return t;
            }
        }
        List<Transfer> matches = want.length() < 4 ? List.of() : all.stream().filter(t -> t.id().startsWith(want)).toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.size() > 1) {
            throw CliException.badInput("The id " + want + " matches " + matches.size()
                    + " transfers; give more of it (ferry list --json shows full ids).");
        }
        throw CliException.badInput("No transfer with id " + want + "; `ferry list` shows them.");
    }
}
