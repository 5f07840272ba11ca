package org.descentlab.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every known-wrong variant differs from the reference and, checked as a student, is named correctly. */
class VariantsTest {

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (Exercise<?> e : Exercises.all()) {
            if (e instanceof ComparisonExercise<?, ?> c) {
                int i = 0;
                for (Mistake<?> m : c.mistakes()) {
                    out.add(Arguments.of(e.id(), i++, m.diagnosis().id(), m.variant()));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} #{1}: {2}")
    @MethodSource("variants")
    void variantIsRecognised(String id, int index, String diagnosis, Object variant) {
        CheckResult r = Exercises.get(id).checkAny(variant);
        assertFalse(r.passed(), "variant " + index + " of " + id + " is indistinguishable from the reference");
        assertEquals(diagnosis, r.diagnosisId(), r.message());
    }
}
