package dev.klaxon.timeline;

import java.util.Collection;

/**
 * A module's declaration of the kinds of timeline entry it writes, as a bean. {@link Timeline} refuses an entry of a
 * kind no module declared, so the list of kinds (and who owns each) is always complete.
 */
public interface EntryKinds {

    Collection<EntryKind> kinds();
}
