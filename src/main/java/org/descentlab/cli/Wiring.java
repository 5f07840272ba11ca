package org.descentlab.cli;

import org.descentlab.optim.GradientClipping;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The places where the command line meets parts of the library that are merged separately. Each
 * default below refuses politely until its line is replaced; the commands read these defaults and
 * tests can swap in their own.
 */
final class Wiring {

    private Wiring() {}

    /** {@code --schedule NAME -s key=value}: the schedule registry. */
    // LEAD-WIRE (schedules): replace the right-hand side with  Schedules::fromOptions
    static final ScheduleLookup SCHEDULES = ScheduleLookup.UNAVAILABLE;

    /** {@code descent list schedules}: name and one-line description of each schedule, in order. */
    // LEAD-WIRE (schedules, listing): replace Map::of with the registry's name -> description map
    static final Supplier<Map<String, String>> SCHEDULE_CATALOG = Map::of;

    /** {@code --clip-norm X | --clip-value X}: sets the optimizer's gradient clipping rule. */
    static final GradientClipper CLIPPING = (optimizer, clip) -> optimizer.setClipping(
            clip.mode() == GradientClipper.Mode.NORM
                    ? GradientClipping.byGlobalNorm(clip.threshold())
                    : GradientClipping.byValue(clip.threshold()));
}
