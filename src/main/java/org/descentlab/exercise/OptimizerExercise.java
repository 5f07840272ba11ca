package org.descentlab.exercise;

/** An optimizer exercise whose student writes a {@link StudentOptimizer}: one step on plain arrays. */
abstract class OptimizerExercise extends TrajectoryExercise<StudentOptimizer> {

    OptimizerExercise(Statement statement) {
        super(statement, StudentOptimizer.class);
    }

    /** The comment lines of the skeleton (without {@code //}): which settings and buffers there are. */
    abstract String[] skeletonHints();

    @Override
    void callStep(StudentOptimizer impl, double[] w, double[] grad, GradientAt oracle, Hyper h, State s) {
        impl.step(w, grad, h, s);
    }

    @Override
    public String skeletonCell() {
        return lambdaSkeleton("StudentOptimizer mine = (w, grad, h, s)", skeletonHints());
    }
}
