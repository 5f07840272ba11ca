package org.descentlab.cli;

import org.descentlab.optim.Options;
import org.descentlab.schedule.Schedule;

/**
 * Finds a learning-rate schedule by name, built from {@code -s key=value} options: shaped like {@link
 * org.descentlab.schedule.Schedules#fromOptions(String, Options, double)} so that a method reference
 * fits ({@code TrajectoryCommand} uses it; a test may swap in another lookup).
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
