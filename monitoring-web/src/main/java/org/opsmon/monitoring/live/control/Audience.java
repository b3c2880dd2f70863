package org.opsmon.monitoring.live.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who receives the frames of which source. A member listens to every source, to a few named
 * ones, or to none; it sits in exactly one place of the index accordingly (the set of those who
 * take everything, or the set of each source it named), so finding the recipients of a frame
 * costs one look-up plus the recipients themselves, whatever the number of members, and nobody
 * receives a frame twice. Broadcasts read without a lock; changes, which are rare (a client
 * subscribes, leaves), take one.
 *
 * @param <M> a member
 */
final class Audience<M> {

    private final Set<M> everySource = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<M>> bySource = new ConcurrentHashMap<>();
    /** Guarded by this: the sources each member named; members of {@link #everySource} are not here. */
    private final Map<M, Set<String>> named = new HashMap<>();

    /** From now on the member receives the frames of {@code sources}, or of every source when null. */
    synchronized void listen(M member, Set<String> sources) {
        leave(member);
        if (sources == null) {
            everySource.add(member);
            return;
        }
        Set<String> copy = Set.copyOf(sources);
        named.put(member, copy);
        for (String source : copy) {
            bySource.computeIfAbsent(source, s -> ConcurrentHashMap.newKeySet()).add(member);
        }
    }

    /** The member receives nothing any more. */
    synchronized void leave(M member) {
        everySource.remove(member);
        Set<String> sources = named.remove(member);
        if (sources != null) {
            for (String source : sources) {
                Set<M> members = bySource.get(source);
                members.remove(member);
                if (members.isEmpty()) {
                    bySource.remove(source);
                }
            }
        }
    }

    /** True when someone would receive a frame of this source: encode it only then. */
    boolean anyoneFor(String source) {
        return !everySource.isEmpty() || bySource.containsKey(source);
    }

    /** Hands each member that receives the frames of {@code source} to {@code recipient}, once. */
    void forEachOf(String source, Consumer<M> recipient) {
        everySource.forEach(recipient);
        Set<M> members = bySource.get(source);
        if (members != null) {
            members.forEach(recipient);
        }
    }
}
