package io.ferry.provider.ovirt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferException;
import io.ferry.provider.ovirt.engine.EngineModel.Disk;
import io.ferry.provider.ovirt.engine.EngineModel.Host;
import io.ferry.provider.ovirt.engine.EngineModel.ImageTransfer;
import io.ferry.provider.ovirt.engine.EngineModel.ProductInfo;
import io.ferry.provider.ovirt.engine.EngineModel.StorageDomain;
import io.ferry.testing.PayloadFuzz;
import io.ferry.testing.PayloadFuzz.Case;
import io.ferry.testing.PayloadFuzz.Seed;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * oVirt engine REST API replies mutated ({@link io.ferry.testing.PayloadMutator}) through what the provider uses:
 * {@code EngineClient.readReply} (faults by HTTP status, non-JSON), {@code EngineClient.entity} for a disk or an image
 * transfer, the list readers (storage domains, hosts), product info and the SSO token answer. Each mutant is read (an
 * unknown phase is {@code unknown} with the raw text kept; sizes and bytes exact or -1) or fails with a
 * {@link TransferException}. Seeds: {@code src/test/resources/ovirt} (see its README). Not jqwik: its maintainers ask
 * AI agents not to use it.
 */
class EngineApiMutatedPayloadsTest {
    private static final String URL = "https://engine.example.com/ovirt-engine/api/imagetransfers/…";
    private static final int PER_SEED = 150;

    @TestFactory
    Stream<DynamicTest> mutatedEngineRepliesParseOrFailClearly() {
        List<Case> cases = List.of(
                new Case(Seed.resource("/ovirt/image-transfer-transferring.json"), EngineApiMutatedPayloadsTest::transfer),
                new Case(Seed.resource("/ovirt/disk-ok.json"), EngineApiMutatedPayloadsTest::disk),
                new Case(Seed.resource("/ovirt/storage-domains.json"), EngineApiMutatedPayloadsTest::storageDomains),
                new Case(Seed.resource("/ovirt/hosts.json"), EngineApiMutatedPayloadsTest::hosts),
                new Case(Seed.resource("/ovirt/api-product-info.json"), EngineApiMutatedPayloadsTest::productInfo),
                new Case(Seed.resource("/ovirt/fault-409.json"), EngineApiMutatedPayloadsTest::fault),
                new Case(Seed.resource("/ovirt/sso-token.json"), EngineApiMutatedPayloadsTest::login));
        return PayloadFuzz.tests("oVirt engine API", cases, PER_SEED, 1000,
                new PayloadFuzz.ClearError<>(TransferException.class, EngineApiMutatedPayloadsTest::unclear));
    }

    static String unclear(TransferException e) {
        if (e.code() == null || e.getMessage() == null || e.getMessage().isBlank()) {
            return "no code or message";
        }
        return e.getMessage().contains("com.fasterxml") ? "names Jackson's classes instead of the problem" : null;
    }

    static void transfer(String body) throws TransferException {
        JsonNode n = EngineClient.entity(EngineClient.readReply("GET imagetransfers/x", 200, body, URL), "GET imagetransfers/x", URL);
        ImageTransfer t = ImageTransfer.from(n);
        TransferPhase p = TransferWatch.phaseOf(t.phase());
        JsonNode raw = n.path("phase");
        if (TransferPhase.fromApiName(t.phase()).isEmpty()) {
            assertThat(p).isEqualTo(TransferPhase.UNKNOWN);
            String expected = raw.isMissingNode() || raw.isNull() ? "" : raw.isValueNode() ? raw.asText() : raw.toString();
            assertThat(t.phase()).as("raw phase kept").isEqualTo(expected);
        }
        assertThat(t.transferred()).as("transferred exact or -1").isEqualTo(PayloadFuzz.wholeNumber(n.get("transferred")));
    }

    static void disk(String body) throws TransferException {
        JsonNode n = EngineClient.entity(EngineClient.readReply("GET disks/x", 200, body, URL), "GET disks/x", URL);
        Disk d = Disk.from(n);
        assertThat(d.provisionedSize()).as("provisioned_size").isEqualTo(PayloadFuzz.wholeNumber(n.get("provisioned_size")));
        assertThat(d.actualSize()).as("actual_size").isEqualTo(PayloadFuzz.wholeNumber(n.get("actual_size")));
        assertThat(d.initialSize()).as("initial_size").isEqualTo(PayloadFuzz.wholeNumber(n.get("initial_size")));
    }

    static void storageDomains(String body) throws TransferException {
        JsonNode n = EngineClient.readReply("GET storagedomains", 200, body, URL);
        List<StorageDomain> sds = EngineClient.listOf(n, "storage_domain", StorageDomain::from);
        int i = 0;
        for (JsonNode wire : n == null ? MissingNode.getInstance() : n.path("storage_domain")) {
            assertThat(sds.get(i++).available()).as("available").isEqualTo(PayloadFuzz.wholeNumber(wire.get("available")));
        }
    }

    static void hosts(String body) throws TransferException {
        List<Host> hosts = EngineClient.listOf(EngineClient.readReply("GET hosts", 200, body, URL), "host", Host::from);
        assertThat(hosts).doesNotContainNull();
    }

    static void productInfo(String body) throws TransferException {
        JsonNode n = EngineClient.readReply("GET ", 200, body, URL);
        ProductInfo p = ProductInfo.from(n == null ? MissingNode.getInstance() : n);
        assertThat(p.version()).isNotNull();
    }

    /** A fault: every error status gives a TransferException with the engine's words. */
    static void fault(String body) throws TransferException {
        for (int status : new int[] {400, 403, 404, 409, 500, 503}) {
            try {
                EngineClient.readReply("POST disks", status, body, URL);
                throw new AssertionError("HTTP " + status + " was taken as a reply");
            } catch (TransferException e) {
                assertThat(unclear(e)).as("HTTP %d: %s", status, e).isNull();
            }
        }
        EngineClient.readReply("POST disks", 409, body, URL);
    }

    static void login(String body) throws TransferException {
        EngineClient.Login l = EngineClient.readLogin(200, body, "admin@internal", URL, Instant.EPOCH);
        assertThat(l.token()).isNotBlank();
        assertThat(l.expires()).isNotNull();
    }
}
