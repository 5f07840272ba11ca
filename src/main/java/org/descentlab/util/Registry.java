package org.descentlab.util;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Named entries in registration order, looked up by any accepted spelling: what the optimizer, schedule
 * and problem registries share. A spelling is reduced to a key (lower case without hyphens, say); the
 * names and their aliases are indexed by their keys, and an unknown spelling is an error that lists the
 * names.
 *
 * @param <E> the entry
 */
public final class Registry<E> {

    private final String kind;
    private final UnaryOperator<String> spelling;
    private final String hint;
    private final Map<String, E> entries = new LinkedHashMap<>();
    private final Map<String, String> index = new LinkedHashMap<>();

    /**
     * @param kind what an entry is, as the error names it ({@code optimizer})
     * @param spelling reduces any accepted spelling of a name or alias to its key
     * @param hint added to the unknown-name error ({@code ""}: nothing)
     */
    public Registry(String kind, UnaryOperator<String> spelling, String hint) {
        this.kind = kind;
        this.spelling = spelling;
        this.hint = hint;
    }

    /** Registers {@code entry} as {@code name}, also found by each of {@code aliases}. */
    public void add(String name, E entry, String... aliases) {
        index(name, name);
        for (String alias : aliases) {
            index(alias, name);
        }
        entries.put(name, entry);
    }

    private void index(String spellingOf, String name) {
        if (index.putIfAbsent(spelling.apply(spellingOf), name) != null) {
            throw new IllegalStateException(kind + " '" + spellingOf + "' is registered twice");
        }
    }

    /**
     * The registered name that {@code name} (a name or alias in any accepted spelling) means.
     *
     * @throws IllegalArgumentException for an unknown spelling, listing the names
     */
    public String resolve(String name) {
        String key = index.get(spelling.apply(name));
        if (key == null) {
            throw new IllegalArgumentException(
                    kind + " = '" + name + "' is unknown: must be one of " + String.join(", ", names()) + hint);
        }
        return key;
    }

    /** The entry that {@code name} (any accepted spelling) means; see {@link #resolve(String)}. */
    public E get(String name) {
        return entries.get(resolve(name));
    }

    /** The names, in registration order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The entries by name, in registration order. */
    public Map<String, E> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** Each name with what {@code describe} says of its entry, in registration order. */
    public Map<String, String> describe(Function<E, String> describe) {
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach((name, entry) -> out.put(name, describe.apply(entry)));
        return Collections.unmodifiableMap(out);
    }
}
