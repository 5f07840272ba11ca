package org.descentlab.cli;

import org.descentlab.optim.Options;
import org.descentlab.schedule.Schedule;

/**
 * Finds a learning-rate schedule by name, built from {@code -s key=value} options. Shaped like
 * {@code Schedules.fromOptions(String, Options)} so that a method reference fits; see {@link Wiring}.
 */
@FunctionalInterface
public interface ScheduleLookup {

    /**
     * The schedule {@code name} built from {@code options}.
     *
     * @throws IllegalArgumentException for an unknown name or an invalid option
     */
    Schedule find(String name, Options options);

    /** The lookup used until a schedule registry is wired: every name is unknown. */
    ScheduleLookup UNAVAILABLE = (name, options) -> {
        throw new IllegalArgumentException(
                "schedule = '" + name + "' is unknown: no schedules are available in this build yet");
    };
}
