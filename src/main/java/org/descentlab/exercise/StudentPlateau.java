package org.descentlab.exercise;

/** ReduceLROnPlateau's logic, one epoch at a time (exercise 12). */
@FunctionalInterface
public interface StudentPlateau {

    /**
     * @param metric this epoch's metric (a validation loss for mode min, an accuracy for mode max)
     * @param h the settings
     * @param s the state kept between epochs: {@code s.scalar(name)} / {@code s.setScalar(name, v)}
     *     (scalars start at 0), {@code s.t()} is the epoch, 1 for the first
     * @return the learning rate after this epoch
     */
    double step(double metric, PlateauHyper h, State s);
}
