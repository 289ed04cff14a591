package dev.klaxon.oncall;

import dev.klaxon.common.Actor;
import dev.klaxon.identity.TeamView;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.UserDeactivationHandler;
import dev.klaxon.identity.UserView;
import dev.klaxon.oncall.internal.FeedStore;
import dev.klaxon.oncall.internal.OverrideStore;
import dev.klaxon.oncall.internal.RotationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A deactivated person leaves every rotation and layer they are in, and the overrides in which they cover a
 * shift that has not ended are cancelled. Where they were the only participant of a rotation or layer they stay
 * (a rotation needs someone) and the warning says that it now pages nobody until someone is added. Their calendar
 * feeds, and those they made, are revoked: a feed URL is a secret they took with them.
 */
@Component
class RotationsLeftOnDeactivation implements UserDeactivationHandler {

    private final RotationStore rotations;
    private final OverrideStore overrides;
    private final FeedStore feeds;
    private final HandOffs handOffs;
    private final Teams teams;
    private final Clock clock;

    RotationsLeftOnDeactivation(
            RotationStore rotations,
            OverrideStore overrides,
            FeedStore feeds,
            HandOffs handOffs,
            Teams teams,
            Clock clock) {
        this.rotations = rotations;
        this.overrides = overrides;
        this.feeds = feeds;
        this.handOffs = handOffs;
        this.teams = teams;
        this.clock = clock;
    }

    @Override
    public List<String> deactivated(UserView user) {
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        for (RotationView rotation : rotations.list(null, null)) {
            String where = "rotation '" + rotation.name() + "' of team "
                    + teams.find(rotation.teamId()).map(TeamView::name).orElse("?");
            if (takesPart(rotation, user.id())) {
                warnings.add(leave(rotation, user, where, now));
            }
            for (OverrideView override : overrides.activeEndingAfter(rotation.id(), now)) {
                if (user.id().equals(override.userId())) {
                    overrides.cancel(override, Actor.SYSTEM, now);
                    handOffs.overridesChanged(rotation.id());
                    warnings.add("Cancelled " + user.name() + "'s cover of " + where + " from " + override.from()
                            + " to " + override.until() + ": the regular rota is on call then");
                }
            }
        }
        int revoked = feeds.revokeAllOf(user.id(), Actor.SYSTEM, now);
        if (revoked > 0) {
            warnings.add("Revoked " + revoked + " calendar feed" + (revoked == 1 ? "" : "s") + " of or made by "
                    + user.name() + "; whoever subscribed to a rotation feed they made needs a new one");
        }
        return warnings;
    }

    private String leave(RotationView rotation, UserView user, String where, Instant now) {
        List<UUID> base = without(rotation.participants(), user.id());
        List<LayerSpec> layers = rotation.layers().stream()
                .map(l -> new LayerSpec(
                        l.name(),
                        without(l.participants(), user.id()),
                        l.shiftLength(),
                        l.handoffTime(),
                        l.start(),
                        l.restrictions()))
                .toList();
        if (base.isEmpty() || layers.stream().anyMatch(l -> l.participants().isEmpty())) {
            return user.name() + " was the only participant of " + where + " (or of one of its layers) and stays in"
                    + " it: during their shifts it now pages nobody; add someone to it";
        }
        var updated = new RotationView(
                rotation.id(),
                rotation.name(),
                rotation.teamId(),
                rotation.role(),
                base,
                rotation.shiftLength(),
                rotation.handoffTime(),
                rotation.timeZone(),
                rotation.start(),
                rotation.restrictions(),
                layers,
                rotation.createdAt(),
                now);
        rotations.update(updated);
        handOffs.rotationChanged(updated);
        return user.name() + " left " + where + "; its shifts now rotate among " + base.size()
                + (base.size() == 1 ? " person" : " people") + ": check who is on call when";
    }

    private static boolean takesPart(RotationView rotation, UUID userId) {
        return rotation.participants().contains(userId)
                || rotation.layers().stream().anyMatch(l -> l.participants().contains(userId));
    }

    private static List<UUID> without(List<UUID> participants, UUID userId) {
        return participants.stream().filter(p -> !p.equals(userId)).toList();
    }
}
