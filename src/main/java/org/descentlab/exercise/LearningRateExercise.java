package org.descentlab.exercise;

/**
 * A comparison whose values are learning rates (a schedule's, ReduceLROnPlateau's): the figure's y axis
 * and legend say so.
 */
abstract class LearningRateExercise<S, C extends ComparisonExercise.Case> extends ComparisonExercise<S, C> {

    LearningRateExercise(Statement statement, Class<S> type, String referenceName) {
        super(statement, type, referenceName);
    }

    @Override
    String valueName() {
        return "learning rate";
    }

    @Override
    String coordinateName(int j) {
        return "lr";
    }
}
