package org.descentlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class ExercisesCommandTest {

    @Test
    void makeStudentWritesTheStudentVersions(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("exercises", "make-student", "--in", "notebooks/exercises/solutions", "--out",
                dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(13, r.out().lines().filter(l -> l.startsWith("wrote ")).count(), r.out());
        String student = Files.readString(dir.resolve("01-heavy-ball-momentum.ipynb"), StandardCharsets.UTF_8);
        assertTrue(student.contains("// YOUR CODE HERE"), student);
        assertTrue(!student.contains("BEGIN SOLUTION"), student);
        assertTrue(!student.contains("HIDDEN TESTS") && !student.contains("checkAnyHidden"), student);
    }

    @Test
    void badInputIsExitTwoWithOneLine(@TempDir Path dir) {
        CliRun r = CliRun.run("exercises", "make-student", "--in", dir.resolve("missing").toString(), "--out",
                dir.toString());
        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("does not exist"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(Main.BAD_INPUT, CliRun.run("exercises", "make-student", "--in", "x").exitCode());
    }
}
