package org.descentlab.experiment;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The explicit extra check of figure citations: every figure's slide title occurs verbatim in the text of
 * its lecture's slides. The slide texts are not part of the repository; the check runs only when
 * {@value #VARIABLE} names a folder of them (one {@code .txt} file per lecture, found by the course name
 * printed on its title slide), and otherwise prints one line saying why it did not run and is skipped.
 */
class LectureSlideTitlesTest {

    static final String VARIABLE = "DESCENT_LECTURES_DIR";

    @Test
    void everyFigureSlideTitleOccursInItsLectureText() throws IOException {
        String dir = System.getenv(VARIABLE);
        String why = dir == null || dir.isBlank() ? VARIABLE + " is not set"
                : Files.isDirectory(Path.of(dir)) ? null : VARIABLE + " = '" + dir + "' is not a directory";
        if (why != null) {
            System.out.println("lecture slide-title check did not run: " + why
                    + " (set it to a folder of the lectures' slide texts to run it)");
        }
        Assumptions.assumeTrue(why == null, why);

        Map<Lecture, String> texts = textsByLecture(Path.of(dir));
        List<String> missing = new ArrayList<>();
        for (LectureFigure f : LectureFigures.all()) {
            if (!texts.get(f.lecture()).contains(f.slide())) {
                missing.add(f.id() + ": '" + f.slide() + "' not in " + f.lecture().label());
            }
        }
        assertEquals(List.of(), missing, "figure slide titles that do not occur in their lecture's text");
    }

    /** Each lecture's text: the one {@code .txt} file in {@code dir} that names the lecture's course and title. */
    static Map<Lecture, String> textsByLecture(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        Map<Lecture, String> texts = new EnumMap<>(Lecture.class);
        for (Lecture lecture : Lecture.values()) {
            List<String> matches = new ArrayList<>();
            List<Path> names = new ArrayList<>();
            for (Path p : files) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (text.contains(lecture.course()) && text.contains(lecture.title())) {
                    matches.add(text);
                    names.add(p.getFileName());
                }
            }
            assertEquals(1, matches.size(), "slide texts in " + dir + " naming " + lecture.label() + " ('"
                    + lecture.course() + "', '" + lecture.title() + "'): " + names);
            texts.put(lecture, matches.get(0));
        }
        return texts;
    }
}
