package org.descentlab.exercise;

import java.util.Locale;

/**
 * The settings of one ReduceLROnPlateau test case, in torch's names.
 *
 * @param lr the learning rate before the first epoch
 * @param max whether larger metrics are better ({@code mode='max'}, e.g. accuracy); else {@code 'min'}
 * @param factor the rate is multiplied by it at a reduction, in (0, 1)
 * @param patience the number of bad epochs tolerated; the rate drops at the {@code patience + 1}-th
 * @param threshold the least improvement that counts
 * @param relative whether {@code threshold} is relative ({@code threshold_mode='rel'}) or absolute ({@code 'abs'})
 * @param cooldown the number of epochs after a reduction during which bad epochs are not counted
 * @param minLr the floor of the rate
 */
public record PlateauHyper(double lr, boolean max, double factor, long patience, double threshold,
        boolean relative, long cooldown, double minLr) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "lr=%s, mode=%s, factor=%s, patience=%d, threshold=%s (%s), cooldown=%d,"
                + " minLr=%s", Hyper.fmt(lr), max ? "max" : "min", Hyper.fmt(factor), patience, Hyper.fmt(threshold),
                relative ? "rel" : "abs", cooldown, Hyper.fmt(minLr));
    }
}
