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
