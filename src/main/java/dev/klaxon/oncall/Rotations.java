package dev.klaxon.oncall;

import dev.klaxon.common.ConflictException;
import dev.klaxon.common.Ids;
import dev.klaxon.common.NotFoundException;
import dev.klaxon.identity.Caller;
import dev.klaxon.identity.Permission;
import dev.klaxon.identity.Teams;
import dev.klaxon.identity.Users;
import dev.klaxon.oncall.internal.FeedStore;
import dev.klaxon.oncall.internal.RotationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, changing and deleting rotations. Names are unique within a team. */
@Service
public class Rotations {

    private final RotationStore store;
    private final Teams teams;
    private final Users users;
    private final HandOffs handOffs;
    private final FeedStore feeds;
    private final Clock clock;

    Rotations(RotationStore store, Teams teams, Users users, HandOffs handOffs, FeedStore feeds, Clock clock) {
        this.feeds = feeds;
        this.store = store;
        this.teams = teams;
        this.users = users;
        this.handOffs = handOffs;
        this.clock = clock;
    }

    @Transactional
    public RotationView create(RotationSpec spec, Caller by) {
        if (spec.teamId() != null) {
            by.require(Permission.ROTATIONS_MANAGE, spec.teamId());
        }
        Instant now = clock.instant();
        RotationView rotation = new RotationValidation(teams, users).check(spec, Ids.timeOrdered(), now, now);
        try {
            store.insert(rotation);
        } catch (DuplicateKeyException e) {
            throw duplicate(rotation);
        }
        handOffs.rotationCreated(rotation);
        return rotation;
    }

    /** Replaces the whole rotation (PUT semantics); overrides and feeds stay. */
    @Transactional
    public RotationView update(UUID id, RotationSpec spec, Caller by) {
        RotationView current = get(id);
        by.require(Permission.ROTATIONS_MANAGE, current.teamId());
        if (spec.teamId() != null && !spec.teamId().equals(current.teamId())) {
            by.require(Permission.ROTATIONS_MANAGE, spec.teamId());
        }
        RotationView rotation =
                new RotationValidation(teams, users).check(spec, id, current.createdAt(), clock.instant());
        try {
            store.update(rotation);
        } catch (DuplicateKeyException e) {
            throw duplicate(rotation);
        }
        handOffs.rotationChanged(rotation);
        return rotation;
    }

    /** Deletes the rotation with its overrides, hand-off state and calendar feeds. */
    @Transactional
    public void delete(UUID id, Caller by) {
        by.require(Permission.ROTATIONS_MANAGE, get(id).teamId());
        if (!store.delete(id)) {
            throw new NotFoundException("Rotation", id);
        }
        feeds.deleteAll(CalendarFeeds.ROTATION.toUpperCase(java.util.Locale.ROOT), id);
    }

    @Transactional(readOnly = true)
    public Optional<RotationView> find(UUID id) {
        return store.find(id);
    }

    public RotationView get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("Rotation", id));
    }

    /** All rotations, or those of a team and/or role (roles compare trimmed and case-insensitively). */
    @Transactional(readOnly = true)
    public List<RotationView> list(UUID teamId, String role) {
        return store.list(teamId, role);
    }

    private static ConflictException duplicate(RotationView rotation) {
        return new ConflictException("The team already has a rotation named '" + rotation.name() + "'");
    }
}
