package dev.statebacked.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which org a request acts in. A key acts in its own org, or in an org its org created when the request names
 * it; orgs are looked up briefly cached, because an org's administrator never changes once it is created.
 */
public final class OrgDirectory {
    private static final Duration TTL = Duration.ofSeconds(60);

    private record Entry(Optional<Org> org, Instant expires) {}

    private final OrgRepository orgs;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public OrgDirectory(OrgRepository orgs, Clock clock) {
        this.orgs = orgs;
        this.clock = clock;
    }

    /** The caller moved into {@code orgId}; throws {@link OrgAccessDeniedException} when its key may not act there. */
    public Caller actIn(Caller caller, String orgId) {
        if (orgId.isEmpty() || orgId.equals(caller.orgId())) {
            return caller;
        }
        boolean administered = find(orgId)
                .flatMap(Org::administeredBy)
                .filter(caller.orgId()::equals)
                .isPresent();
        if (!administered) {
            throw new OrgAccessDeniedException("the token's key does not belong to org " + orgId);
        }
        return caller.inOrg(orgId);
    }

    public Optional<Org> find(String orgId) {
        Instant now = clock.instant();
        Entry entry = entries.get(orgId);
        if (entry == null || !entry.expires().isAfter(now)) {
            entry = new Entry(orgs.find(orgId), now.plus(TTL));
            entries.put(orgId, entry);
        }
        return entry.org();
    }
}
