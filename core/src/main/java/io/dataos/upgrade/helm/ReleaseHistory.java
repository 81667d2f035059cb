package io.dataos.upgrade.helm;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The revisions of a release, oldest first, and the questions a rollback asks of them. */
public record ReleaseHistory(String release, String namespace, List<HelmRevision> revisions) {

    public ReleaseHistory {
        revisions = revisions.stream().sorted(Comparator.comparingInt(HelmRevision::revision)).toList();
    }

    public boolean isEmpty() {
        return revisions.isEmpty();
    }

    public Optional<HelmRevision> latest() {
        return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1));
    }

    public Optional<HelmRevision> revision(int number) {
        return revisions.stream().filter(r -> r.revision() == number).findFirst();
    }

    /** The revision Helm marks {@code deployed} (there is at most one), if any. */
    public Optional<HelmRevision> deployed() {
        return revisions.stream().filter(r -> HelmRelease.DEPLOYED.equals(r.status()))
                .reduce((a, b) -> b);
    }

    /**
     * The last good revision before {@code revision}: the newest earlier revision that was deployed
     * (status deployed or superseded). Failed and pending revisions are never rollback targets.
     */
    public Optional<HelmRevision> lastGoodBefore(int revision) {
        return revisions.stream().filter(r -> r.revision() < revision && r.wasDeployed()).reduce((a, b) -> b);
    }

    /**
     * Where to go back to now: the revision marked deployed when the latest one is pending or
     * failed, else the last good revision before the latest.
     */
    public Optional<HelmRevision> lastGood() {
        Optional<HelmRevision> latest = latest();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        if (!latest.get().wasDeployed()) {
            Optional<HelmRevision> deployed = deployed();
            return deployed.isPresent() ? deployed : lastGoodBefore(latest.get().revision());
        }
        return lastGoodBefore(latest.get().revision());
    }
}
