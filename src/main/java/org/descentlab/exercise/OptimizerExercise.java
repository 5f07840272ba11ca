package org.descentlab.exercise;

/** An optimizer exercise whose student writes a {@link StudentOptimizer}: one step on plain arrays. */
abstract class OptimizerExercise extends TrajectoryExercise<StudentOptimizer> {

    /** The comment lines of the skeleton (without {@code //}): which settings and buffers there are. */
    private final String[] skeletonHints;

    OptimizerExercise(Statement statement, String referenceName, String... skeletonHints) {
        super(statement, StudentOptimizer.class, referenceName);
        this.skeletonHints = skeletonHints.clone();
    }

    @Override
    void callStep(StudentOptimizer impl, double[] w, double[] grad, GradientAt oracle, Hyper h, State s) {
        impl.step(w, grad, h, s);
    }

    @Override
    public String skeletonCell() {
        return lambdaSkeleton("StudentOptimizer mine = (w, grad, h, s)", skeletonHints);
    }
}
