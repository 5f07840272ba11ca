package org.descentlab.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The solution notebooks are the one source of truth: the committed student notebooks must be exactly
 * what {@code bin/descent exercises make-student} makes from them.
 */
class StudentNotebooksUpToDateTest {

    static final Path SOLUTIONS = Path.of("notebooks", "exercises", "solutions");
    static final Path STUDENTS = Path.of("notebooks", "exercises");
    static final String REGENERATE =
            "regenerate them with: bin/descent exercises make-student --in notebooks/exercises/solutions"
                    + " --out notebooks/exercises (and commit the result)";

    private static TreeSet<String> notebooks(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everySolutionHasItsStudentVersionAndNoOther() throws IOException {
        TreeSet<String> solutions = notebooks(SOLUTIONS);
        assertEquals(13, solutions.size(), "the thirteen exercise notebooks: " + solutions);
        assertEquals(solutions, notebooks(STUDENTS), "student notebooks differ from the solutions; " + REGENERATE);
    }

    @Test
    void committedStudentNotebooksAreRegeneratedExactly() throws IOException {
        for (String name : notebooks(SOLUTIONS)) {
            String solution = Files.readString(SOLUTIONS.resolve(name), StandardCharsets.UTF_8);
            String expected = StudentVersion.convert(solution, true);
            Path student = STUDENTS.resolve(name);
            assertTrue(Files.exists(student), student + " is missing; " + REGENERATE);
            assertEquals(expected, Files.readString(student, StandardCharsets.UTF_8),
                    student + " is stale (it is not what make-student makes from " + SOLUTIONS.resolve(name) + "); "
                            + REGENERATE);
        }
    }

    @Test
    void studentNotebooksHideTheSolutionsAndKeepTheChecks() throws IOException {
        for (String name : notebooks(STUDENTS)) {
            String text = Files.readString(STUDENTS.resolve(name), StandardCharsets.UTF_8);
            assertFalse(text.contains("BEGIN SOLUTION"), name);
            assertTrue(text.contains(StudentVersion.TODO_THROW.replace("\"", "\\\"")), name);
            assertTrue(text.contains("checkAny(mine)"), name);
            assertTrue(text.contains("requirePassed()"), name);
            assertFalse(text.contains("HIDDEN TESTS") || text.contains("checkAnyHidden"), name);
        }
        for (String name : notebooks(SOLUTIONS)) {
            String text = Files.readString(SOLUTIONS.resolve(name), StandardCharsets.UTF_8);
            assertTrue(text.contains("// ### BEGIN SOLUTION"), name);
            assertTrue(text.contains("// ### BEGIN HIDDEN TESTS") && text.contains("checkAnyHidden(mine, "), name);
        }
    }

    @Test
    void aSupplierIsCheckedThroughItsAnswer() {
        java.util.function.Supplier<StabilityAnswer> skeleton = () -> {
            throw new UnsupportedOperationException("TODO: your code here");
        };
        CheckResult notYet = Exercises.get("stability").checkAny(skeleton);
        assertFalse(notYet.passed());
        assertEquals(Diagnosis.NOT_IMPLEMENTED, notYet.diagnosis());
        assertTrue(notYet.message().toLowerCase().contains("not yet implemented"), notYet.message());

        java.util.function.Supplier<StabilityAnswer> done = () -> CorrectStudents.STABILITY;
        assertTrue(Exercises.get("stability").checkAny(done).passed());
        assertEquals(Diagnosis.WRONG_TYPE, Exercises.get("heavy-ball").checkAny((java.util.function.Supplier<String>) () -> "x")
                .diagnosis());
        List<String> ids = Exercises.ids();
        assertEquals(14, ids.size());
    }
}
