package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** torch's lower-case spelling of the schedules' enum options ({@code mode='max'}, {@code anneal_strategy='cos'}). */
final class TorchWords {

    private TorchWords() {}

    /** torch's spelling of {@code e}. */
    static String of(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} spelled {@code word}; anything else is an error naming {@code param}. */
    static <E extends Enum<E>> E parse(String param, String word, Class<E> type) {
        Check.notNull(param, word);
        E[] all = type.getEnumConstants();
        for (E e : all) {
            if (of(e).equals(word.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        List<String> valid = Arrays.stream(all).map(TorchWords::of).toList();
        throw new IllegalArgumentException(param + " = '" + word + "' is invalid: must be "
                + (valid.size() == 2 ? valid.get(0) + " or " + valid.get(1) : "one of " + String.join(", ", valid)));
    }
}
