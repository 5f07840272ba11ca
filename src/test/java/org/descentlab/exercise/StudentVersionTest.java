package org.descentlab.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class StudentVersionTest {

    /** A small solution notebook: markdown with a hidden answer, a code cell with a solution, outputs. */
    static String notebook(String codeSource) {
        return """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# Heavy ball\\n", "Question?\\n",
                    "<!-- BEGIN SOLUTION -->\\n", "The answer is 42.\\n", "<!-- END SOLUTION -->\\n", "Next."]},
                  {"cell_type": "code", "execution_count": 7, "metadata": {"execution": {"t": 1}},
                   "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hello\\n"]}],
                   "source": %s},
                  {"cell_type": "code", "execution_count": 8, "metadata": {}, "outputs": [],
                   "source": "var result = Exercises.heavyBall().check(mine);\\nresult"}
                ],
                 "metadata": {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """.formatted(codeSource);
    }

    static final String SOLUTION = """
            ["StudentOptimizer mine = (w, grad, h, s) -> {\\n",
             "    // ### BEGIN SOLUTION\\n",
             "    double[] v = s.buffer(\\"v\\");\\n",
             "    for (int i = 0; i < w.length; i++) { v[i] = h.momentum() * v[i] - grad[i]; w[i] += h.lr() * v[i]; }\\n",
             "    // ### END SOLUTION\\n",
             "};"]""";

    private static String text(JsonObject cell) {
        StringBuilder sb = new StringBuilder();
        for (var e : cell.getAsJsonArray("source")) {
            sb.append(e.getAsString());
        }
        return sb.toString();
    }

    @Test
    void solutionsRemovedOutputsCleared() {
        JsonObject nb = JsonParser.parseString(StudentVersion.convert(notebook(SOLUTION), true)).getAsJsonObject();
        JsonArray cells = nb.getAsJsonArray("cells");
        String md = text(cells.get(0).getAsJsonObject());
        assertEquals("# Heavy ball\nQuestion?\nNext.", md);
        JsonObject code = cells.get(1).getAsJsonObject();
        assertEquals("StudentOptimizer mine = (w, grad, h, s) -> {\n    // YOUR CODE HERE\n"
                + "    throw new UnsupportedOperationException(\"TODO: your code here\");\n};", text(code));
        assertEquals(0, code.getAsJsonArray("outputs").size());
        assertTrue(code.get("execution_count").isJsonNull());
        assertFalse(code.getAsJsonObject("metadata").has("execution"));
        assertTrue(cells.get(2).getAsJsonObject().get("execution_count").isJsonNull());
        assertEquals("java", nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString());
    }

    @Test
    void throwOnlyAndHashMarkers() {
        String src = "[\"  ### BEGIN SOLUTION\\n\", \"  int x = 1;\\n\", \"  ### END SOLUTION\\n\", \"done\"]";
        JsonObject nb = JsonParser.parseString(StudentVersion.convert(notebook(src), false)).getAsJsonObject();
        assertEquals("  throw new UnsupportedOperationException(\"TODO: your code here\");\ndone",
                text(nb.getAsJsonArray("cells").get(1).getAsJsonObject()));
    }

    @Test
    void hiddenTestsRemovedWithTheirMarkers() {
        String src = "[\"// graded only\\n\", \"// ### BEGIN HIDDEN TESTS\\n\", \"var hidden = x.checkAnyHidden(mine, 7L);\\n\","
                + " \"hidden.requirePassed();\\n\", \"// ### END HIDDEN TESTS\"]";
        JsonObject nb = JsonParser.parseString(StudentVersion.convert(notebook(src), true)).getAsJsonObject();
        assertEquals("// graded only", text(nb.getAsJsonArray("cells").get(1).getAsJsonObject()));
        String unclosed = "[\"a\\n\", \"// ### BEGIN HIDDEN TESTS\\n\", \"b\\n\"]";
        var e = assertThrows(StudentVersion.NotebookException.class,
                () -> StudentVersion.convert(notebook(unclosed), true));
        assertTrue(e.getMessage().contains("cell 1, line 2") && e.getMessage().contains("END HIDDEN TESTS"),
                e.getMessage());
        String stray = "[\"a\\n\", \"### END HIDDEN TESTS\\n\"]";
        e = assertThrows(StudentVersion.NotebookException.class, () -> StudentVersion.convert(notebook(stray), true));
        assertTrue(e.getMessage().contains("cell 1, line 2") && e.getMessage().contains("without"), e.getMessage());
    }

    @Test
    void unbalancedMarkersNameCellAndLine() {
        String unclosed = "[\"a\\n\", \"// ### BEGIN SOLUTION\\n\", \"b\\n\"]";
        var e = assertThrows(StudentVersion.NotebookException.class,
                () -> StudentVersion.convert(notebook(unclosed), true));
        assertTrue(e.getMessage().contains("cell 1, line 2") && e.getMessage().contains("never closed"), e.getMessage());
        String stray = "[\"a\\n\", \"// ### END SOLUTION\\n\"]";
        e = assertThrows(StudentVersion.NotebookException.class, () -> StudentVersion.convert(notebook(stray), true));
        assertTrue(e.getMessage().contains("cell 1, line 2") && e.getMessage().contains("without"), e.getMessage());
        String nested = "[\"// ### BEGIN SOLUTION\\n\", \"// ### BEGIN SOLUTION\\n\", \"// ### END SOLUTION\\n\"]";
        e = assertThrows(StudentVersion.NotebookException.class, () -> StudentVersion.convert(notebook(nested), true));
        assertTrue(e.getMessage().contains("cell 1, line 2") && e.getMessage().contains("opened at line 1"),
                e.getMessage());
        String md = notebook(SOLUTION).replace("<!-- END SOLUTION -->", "nothing");
        e = assertThrows(StudentVersion.NotebookException.class, () -> StudentVersion.convert(md, true));
        assertTrue(e.getMessage().contains("cell 0, line 3"), e.getMessage());
        assertThrows(StudentVersion.NotebookException.class, () -> StudentVersion.convert("{\"a\": 1}", true));
    }

    @Test
    void mainConvertsADirectoryAndReportsErrors(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("solutions");
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("sub/heavy-ball.ipynb"), notebook(SOLUTION));
        Path out = tmp.resolve("exercises");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = StudentVersion.run(new String[] {"--in", in.toString(), "--out", out.toString()},
                new PrintStream(o), new PrintStream(err));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String written = Files.readString(out.resolve("sub/heavy-ball.ipynb"));
        assertTrue(written.contains("YOUR CODE HERE") && !written.contains("s.buffer"), written);
        assertTrue(written.contains("<!--") || !written.contains("42"), "markdown kept readable, answer removed");

        Files.writeString(in.resolve("bad.ipynb"), notebook("[\"// ### BEGIN SOLUTION\\n\"]"));
        err.reset();
        code = StudentVersion.run(new String[] {"--in", in.toString(), "--out", out.toString()},
                new PrintStream(o), new PrintStream(err));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad.ipynb: cell 1, line 1"), err.toString());
        assertEquals(2, StudentVersion.run(new String[] {"--in"}, new PrintStream(o), new PrintStream(err)));
    }
}
