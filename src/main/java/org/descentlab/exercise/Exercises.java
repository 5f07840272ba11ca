package org.descentlab.exercise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course exercises by id. A notebook uses the typed accessors, e.g.
 * {@code Exercises.heavyBall().check(mine)}, or {@code Exercises.get("heavy-ball").checkAny(mine)}.
 */
public final class Exercises {

    private static final Map<String, Exercise<?>> BY_ID = new LinkedHashMap<>();

    private static final HeavyBallExercise HEAVY_BALL = register(new HeavyBallExercise());
    private static final NesterovExercise NESTEROV = register(new NesterovExercise());
    private static final RmsPropExercise RMSPROP = register(new RmsPropExercise());
    private static final AdamExercise ADAM = register(new AdamExercise());
    private static final EmaExercise EMA = register(new EmaExercise());
    private static final ScheduleExercise TRIANGULAR = register(ScheduleExercise.triangular());
    private static final ScheduleExercise WARMUP_COSINE = register(ScheduleExercise.warmupCosine());
    private static final GradientCheckExercise GRADIENT_CHECK = register(new GradientCheckExercise());
    private static final StabilityExercise STABILITY = register(new StabilityExercise());
    private static final AdaBeliefExercise ADABELIEF = register(new AdaBeliefExercise());
    private static final ClippingExercise CLIPPING = register(new ClippingExercise());
    private static final TemperatureExercise TEMPERATURE = register(new TemperatureExercise());
    private static final PlateauExercise PLATEAU = register(new PlateauExercise());
    private static final DjlSgdExercise DJL_SGD = register(new DjlSgdExercise());

    private Exercises() {}

    private static <E extends Exercise<?>> E register(E e) {
        if (BY_ID.put(e.id(), e) != null) {
            throw new IllegalStateException("two exercises have id " + e.id());
        }
        return e;
    }

    /** Exercise 1: SGD with heavy-ball momentum. */
    public static Exercise<StudentOptimizer> heavyBall() {
        return HEAVY_BALL;
    }

    /** Exercise 2: Nesterov momentum (the gradient at the look-ahead point). */
    public static Exercise<StudentNesterov> nesterov() {
        return NESTEROV;
    }

    /** Exercise 3: RMSProp. */
    public static Exercise<StudentOptimizer> rmsProp() {
        return RMSPROP;
    }

    /** Exercise 4: Adam with bias correction and decoupled weight decay. */
    public static Exercise<StudentOptimizer> adam() {
        return ADAM;
    }

    /** Exercise 5: a moving average with TTIC 31230's bias correction 1/min(t, N). */
    public static Exercise<StudentEma> ema() {
        return EMA;
    }

    /** Exercise 6a: the triangular cyclical learning rate. */
    public static Exercise<StudentSchedule> triangularSchedule() {
        return TRIANGULAR;
    }

    /** Exercise 6b: linear warm-up then cosine decay. */
    public static Exercise<StudentSchedule> warmupCosineSchedule() {
        return WARMUP_COSINE;
    }

    /** Exercise 7: the central finite-difference gradient. */
    public static Exercise<StudentGradient> gradientCheck() {
        return GRADIENT_CHECK;
    }

    /** Exercise 8: a stable learning rate from the Hessian, and the regime per eigen-direction. */
    public static StabilityExercise stability() {
        return STABILITY;
    }

    /** Exercise 9: AdaBelief (the belief s = EMA of (g - m)^2, eps in both places). */
    public static Exercise<StudentOptimizer> adaBelief() {
        return ADABELIEF;
    }

    /** Exercise 10: clipping by global norm, then weight decay. */
    public static Exercise<StudentOptimizer> clipping() {
        return CLIPPING;
    }

    /** Exercise 11: the temperature-preserving learning rate (1 - mu) B eta0. */
    public static Exercise<StudentTemperature> temperature() {
        return TEMPERATURE;
    }

    /** Exercise 12: ReduceLROnPlateau's logic (mode, threshold, patience, cooldown, min_lr). */
    public static Exercise<StudentPlateau> plateau() {
        return PLATEAU;
    }

    /** Exercise 13: SGD with momentum as a DJL Optimizer, training the lecture MLP on an MNIST subset. */
    public static Exercise<StudentDjlOptimizer> djlSgd() {
        return DJL_SGD;
    }

    /** The exercise with this id. */
    public static Exercise<?> get(String id) {
        Exercise<?> e = BY_ID.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no exercise has id '" + id + "': the ids are " + BY_ID.keySet());
        }
        return e;
    }

    /** The ids, in course order. */
    public static List<String> ids() {
        return Collections.unmodifiableList(new ArrayList<>(BY_ID.keySet()));
    }

    /** The exercises, in course order. */
    public static List<Exercise<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_ID.values()));
    }
}
