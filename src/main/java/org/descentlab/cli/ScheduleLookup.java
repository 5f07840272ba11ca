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
     * The schedule {@code name} built from {@code options}; its base rate defaults to the optimizer's
     * {@code lr} when the options give none.
     *
     * @throws IllegalArgumentException for an unknown name or an invalid option
     */
    Schedule find(String name, Options options, double optimizerLr);

}
