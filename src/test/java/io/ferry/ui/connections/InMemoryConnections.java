package io.ferry.ui.connections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ConnectionsPort} in memory for view-model and TestFX tests: profiles and secrets in separate maps
 * (so a test can see that the secret never lands on the profile), scripted test results, certificates and pickers.
 */
public class InMemoryConnections implements ConnectionsPort {
    public final Map<String, Profile> profiles = new LinkedHashMap<>();
    public final Map<String, String> secrets = new HashMap<>();
    public final Map<Kind, Certificate> certificates = new HashMap<>();
    public final Map<String, List<RecentJob>> recent = new HashMap<>();
    public final Map<String, List<StorageDomain>> domains = new HashMap<>();
    public final Map<String, List<Disk>> disks = new HashMap<>();
    /** What {@link #test} answers: a summary, or a failure message when {@link #testFails} is set. */
    public String testSummary = "ok";
    public String testFails;
    /** The secret each {@link #test} call received (null: the stored one). */
    public final List<String> testedWithSecret = new ArrayList<>();
    public final List<Profile> tested = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public List<Profile> profiles() {
        return List.copyOf(profiles.values());
    }

    @Override
    public Profile save(Profile profile, char[] secret) {
        String id = profile.isNew() ? "p" + ids.incrementAndGet() : profile.id();
        Profile saved = new Profile(id, profile.kind(), profile.name(), profile.fields());
        profiles.put(id, saved);
        if (secret != null) {
            secrets.put(id, new String(secret));
        }
        return saved;
    }

    @Override
    public void delete(String profileId) {
        profiles.remove(profileId);
        secrets.remove(profileId);
    }

    @Override
    public boolean hasSecret(String profileId) {
        return secrets.containsKey(profileId);
    }

    @Override
    public TestResult test(Profile profile, char[] secret) throws ConnectionException {
        tested.add(profile);
        testedWithSecret.add(secret == null ? null : new String(secret));
        if (testFails != null) {
            throw new ConnectionException(testFails);
        }
        return new TestResult(testSummary);
    }

    @Override
    public Certificate fetchCertificate(Kind kind, String address) throws ConnectionException {
        Certificate c = certificates.get(kind);
        if (c == null) {
            throw new ConnectionException("connection refused: " + address);
        }
        return c;
    }

    @Override
    public List<RecentJob> recentJobs(String profileId, int limit) throws ConnectionException {
        List<RecentJob> r = recent.get(profileId);
        if (r == null) {
            throw new ConnectionException("PERMISSION_DENIED: the account may not list jobs");
        }
        return r.stream().limit(limit).toList();
    }

    @Override
    public List<StorageDomain> storageDomains(String profileId) {
        return domains.getOrDefault(profileId, List.of());
    }

    @Override
    public List<Disk> disks(String profileId) {
        return disks.getOrDefault(profileId, List.of());
    }

    @Override
    public Map<String, String> transferOptions(String profileId) {
        Profile p = profiles.get(profileId);
        Map<String, String> o = new LinkedHashMap<>(p.fields());
        o.put("profile", profileId);
        return o;
    }
}
