package org.descentlab.exercise;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The instructor's tool: makes the student version of a solution notebook. In code cells every region
 * between a {@code BEGIN SOLUTION} and an {@code END SOLUTION} marker line (written {@code ### BEGIN
 * SOLUTION}, or as a Java comment {@code // ### BEGIN SOLUTION} so that the solution cell still runs)
 * becomes {@code // YOUR CODE HERE} and {@code throw new UnsupportedOperationException("TODO: your code
 * here");} at the marker's indentation; in markdown cells the lines between {@code <!-- BEGIN SOLUTION
 * -->} and {@code <!-- END SOLUTION -->} are removed with the markers. In code cells the lines between
 * {@code ### BEGIN HIDDEN TESTS} and {@code ### END HIDDEN TESTS} (nbgrader's markers for the cases that
 * only autograde runs, also as Java comments) are removed with the markers. Outputs and execution counts are
 * cleared. Unbalanced markers are an error naming the cell and line.
 *
 * <pre>
 *   java ... org.descentlab.exercise.StudentVersion --in notebooks/solutions --out notebooks/exercises
 *   java ... org.descentlab.exercise.StudentVersion --in one.ipynb --out one-student.ipynb [--throw-only]
 * </pre>
 */
public final class StudentVersion {

    /** The line that replaces a solution region (after the optional comment). */
    public static final String TODO_THROW = "throw new UnsupportedOperationException(\"TODO: your code here\");";
    /** The comment line before it, as nbgrader writes it. */
    public static final String TODO_COMMENT = "// YOUR CODE HERE";

    private static final Pattern CODE_BEGIN =
            Pattern.compile("^\\s*(?://+|#+(?!#)|/\\*+)?\\s*(?:#+\\s*)?BEGIN SOLUTION\\s*(?:\\*+/)?\\s*$");
    private static final Pattern CODE_END =
            Pattern.compile("^\\s*(?://+|#+(?!#)|/\\*+)?\\s*(?:#+\\s*)?END SOLUTION\\s*(?:\\*+/)?\\s*$");
    private static final Pattern HIDDEN_BEGIN =
            Pattern.compile("^\\s*(?://+|#+(?!#)|/\\*+)?\\s*(?:#+\\s*)?BEGIN HIDDEN TESTS\\s*(?:\\*+/)?\\s*$");
    private static final Pattern HIDDEN_END =
            Pattern.compile("^\\s*(?://+|#+(?!#)|/\\*+)?\\s*(?:#+\\s*)?END HIDDEN TESTS\\s*(?:\\*+/)?\\s*$");
    private static final Pattern MD_BEGIN = Pattern.compile("^\\s*<!--\\s*BEGIN SOLUTION\\s*-->\\s*$");
    private static final Pattern MD_END = Pattern.compile("^\\s*<!--\\s*END SOLUTION\\s*-->\\s*$");

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private StudentVersion() {}

    /** A solution notebook that cannot be converted: unbalanced markers or not a notebook. */
    public static final class NotebookException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public NotebookException(String message) {
            super(message);
        }
    }

    /**
     * The student version of a notebook given as JSON text.
     *
     * @param withComment whether to write {@code // YOUR CODE HERE} before the throw
     * @throws NotebookException if the JSON is not a notebook or a marker is unbalanced
     */
    public static String convert(String notebookJson, boolean withComment) {
        JsonElement root;
        try {
            root = JsonParser.parseString(notebookJson);
        } catch (JsonParseException e) {
            throw new NotebookException("not valid JSON: " + e.getMessage());
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("cells")
                || !root.getAsJsonObject().get("cells").isJsonArray()) {
            throw new NotebookException("not a Jupyter notebook: the JSON has no \"cells\" array");
        }
        JsonObject nb = root.getAsJsonObject();
        JsonArray cells = nb.getAsJsonArray("cells");
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).isJsonObject()) {
                throw new NotebookException("cell " + i + " is not a JSON object");
            }
            JsonObject cell = cells.get(i).getAsJsonObject();
            String type = cell.has("cell_type") ? cell.get("cell_type").getAsString() : "";
            List<String> lines = lines(cell.get("source"));
            if (type.equals("code")) {
                cell.add("source", toSource(removeHidden(replaceCode(lines, i, withComment), i)));
                cell.add("outputs", new JsonArray());
                cell.add("execution_count", JsonNull.INSTANCE);
                if (cell.has("metadata") && cell.get("metadata").isJsonObject()) {
                    cell.getAsJsonObject("metadata").remove("execution");
                }
            } else if (type.equals("markdown")) {
                cell.add("source", toSource(removeMarkdown(lines, i)));
            }
        }
        return GSON.toJson(nb) + "\n";
    }

    /** Converts one file. */
    public static void convert(Path in, Path out, boolean withComment) throws IOException {
        String json = Files.readString(in, StandardCharsets.UTF_8);
        String student;
        try {
            student = convert(json, withComment);
        } catch (NotebookException e) {
            throw new NotebookException(in + ": " + e.getMessage());
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, student, StandardCharsets.UTF_8);
    }

    /**
     * Converts a file, or every {@code .ipynb} under a directory (keeping relative paths, skipping
     * {@code .ipynb_checkpoints}). All files are checked before any is written.
     *
     * @return the files written
     */
    public static List<Path> convertAll(Path in, Path out, boolean withComment) throws IOException {
        List<Path> inputs = new ArrayList<>();
        if (Files.isDirectory(in)) {
            try (Stream<Path> s = Files.walk(in)) {
                s.filter(p -> p.toString().endsWith(".ipynb") && !p.toString().contains(".ipynb_checkpoints"))
                        .sorted().forEach(inputs::add);
            }
        } else if (Files.isRegularFile(in)) {
            inputs.add(in);
        } else {
            throw new IOException(in + " does not exist");
        }
        List<String> converted = new ArrayList<>();
        for (Path p : inputs) {
            try {
                converted.add(convert(Files.readString(p, StandardCharsets.UTF_8), withComment));
            } catch (NotebookException e) {
                throw new NotebookException(p + ": " + e.getMessage());
            }
        }
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path target = Files.isDirectory(in) ? out.resolve(in.relativize(inputs.get(i)).toString())
                    : (Files.isDirectory(out) ? out.resolve(in.getFileName()) : out);
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, converted.get(i), StandardCharsets.UTF_8);
            written.add(target);
        }
        return written;
    }

    /** {@code --in FILE|DIR --out FILE|DIR [--throw-only]}; exit status 0, 1 (bad notebook) or 2 (usage). */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** {@link #main} without exiting, for tests and the CLI. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path in = null;
        Path target = null;
        boolean withComment = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--in" -> in = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--out" -> target = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--throw-only" -> withComment = false;
                case "-h", "--help" -> {
                    out.println(usage());
                    return 0;
                }
                default -> {
                    err.println("unknown argument '" + args[i] + "'\n" + usage());
                    return 2;
                }
            }
        }
        if (in == null || target == null) {
            err.println("both --in and --out are needed\n" + usage());
            return 2;
        }
        try {
            for (Path p : convertAll(in, target, withComment)) {
                out.println("wrote " + p);
            }
            return 0;
        } catch (NotebookException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static String usage() {
        return "usage: StudentVersion --in SOLUTION.ipynb|DIR --out STUDENT.ipynb|DIR [--throw-only]\n"
                + "  replaces code between BEGIN SOLUTION / END SOLUTION with a TODO throw, removes markdown between\n"
                + "  <!-- BEGIN SOLUTION --> / <!-- END SOLUTION -->, removes code between BEGIN HIDDEN TESTS /\n"
                + "  END HIDDEN TESTS, clears outputs";
    }

    private static List<String> replaceCode(List<String> lines, int cell, boolean withComment) {
        return replaceRegions(lines, cell, CODE_BEGIN, CODE_END, "BEGIN SOLUTION", "END SOLUTION", "the solution region",
                begin -> {
                    String indent = begin.substring(0, begin.length() - begin.stripLeading().length());
                    return withComment ? List.of(indent + TODO_COMMENT + "\n", indent + TODO_THROW + "\n")
                            : List.of(indent + TODO_THROW + "\n");
                });
    }

    private static List<String> removeHidden(List<String> lines, int cell) {
        return replaceRegions(lines, cell, HIDDEN_BEGIN, HIDDEN_END, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
                "the region", begin -> List.of());
    }

    private static List<String> removeMarkdown(List<String> lines, int cell) {
        return replaceRegions(lines, cell, MD_BEGIN, MD_END, "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->",
                "the region", begin -> List.of());
    }

    /**
     * The lines with each region from a {@code begin} line to an {@code end} line (markers included)
     * replaced by the lines {@code replacement} makes of its begin line (without line end).
     */
    private static List<String> replaceRegions(List<String> lines, int cell, Pattern begin, Pattern end,
            String beginName, String endName, String regionName, Function<String, List<String>> replacement) {
        List<String> out = new ArrayList<>();
        int open = -1;
        for (int j = 0; j < lines.size(); j++) {
            String line = stripEol(lines.get(j));
            if (begin.matcher(line).matches()) {
                if (open >= 0) {
                    throw new NotebookException("cell " + cell + ", line " + (j + 1) + ": " + beginName
                            + " inside " + regionName + " opened at line " + (open + 1));
                }
                open = j;
                out.addAll(replacement.apply(line));
            } else if (end.matcher(line).matches()) {
                if (open < 0) {
                    throw new NotebookException("cell " + cell + ", line " + (j + 1) + ": " + endName
                            + " without a " + beginName + " before it");
                }
                open = -1;
            } else if (open < 0) {
                out.add(lines.get(j));
            }
        }
        if (open >= 0) {
            throw new NotebookException("cell " + cell + ", line " + (open + 1) + ": " + beginName
                    + " is never closed by " + endName);
        }
        return out;
    }

    /** The source's lines, each with its line end (the last may have none). */
    private static List<String> lines(JsonElement source) {
        StringBuilder text = new StringBuilder();
        if (source == null || source.isJsonNull()) {
            return new ArrayList<>();
        }
        if (source.isJsonArray()) {
            for (JsonElement e : source.getAsJsonArray()) {
                text.append(e.getAsString());
            }
        } else {
            text.append(source.getAsString());
        }
        List<String> out = new ArrayList<>();
        String s = text.toString();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                out.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static JsonArray toSource(List<String> lines) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i == lines.size() - 1 && l.endsWith("\n")) {
                l = l.substring(0, l.length() - 1);
            }
            a.add(new JsonPrimitive(l));
        }
        return a;
    }

    private static String stripEol(String line) {
        return line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }
}
