package org.descentlab.exercise;

/** The learning rate that keeps the temperature of heavy-ball SGD fixed (exercise 11). */
@FunctionalInterface
public interface StudentTemperature {

    /**
     * @param eta0 the learning rate per training example (the rate of batch-size-1 SGD without momentum)
     * @param batchSize the batch size B
     * @param momentum the heavy-ball momentum mu, in [0, 1)
     * @return torch's {@code lr} for SGD with this batch size and momentum
     */
    double lr(double eta0, long batchSize, double momentum);
}
