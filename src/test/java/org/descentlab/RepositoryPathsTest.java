package org.descentlab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clone is the whole product: no file of the repository may refer to a path outside it. Checked in every
 * file git tracks (and new files it would track), or, without git, every file under the root except build
 * output and local environments: the lecture slide texts' folder beside the clone, their hashed file names,
 * and absolute paths of one machine (its work, root and temporary directories).
 */
class RepositoryPathsTest {

    /** What no file may contain; written so that this file does not match them itself. */
    static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\.\\./shared"),
            Pattern.compile("shared[/]lectures"),
            Pattern.compile("[0-9]{3}_[0-9a-f]{16}\\.txt"),
            Pattern.compile("(?<![\\w.])/(work|root|tmp)(?![\\w.-])"));

    /**
     * The allowed exceptions, each a file and a text its offending line must contain: CI passes the slide
     * texts' folder to the explicit extra citation check, and a replay script falls back to the system's
     * temporary directory when {@code TMPDIR} is unset.
     */
    record Allowed(String file, String lineContains) {}

    static final List<Allowed> ALLOWED = List.of(
            new Allowed(".ci/run", "export DESCENT_LECTURES_DIR="),
            new Allowed("tools/lab/replay_binder.sh", "${TMPDIR:-/" + "tmp}"));

    /** Directories the fallback walk skips: build output, git's own, and local environments (all ignored). */
    static final Set<String> SKIPPED_DIRS = Set.of("target", ".git", "node_modules", ".idea");

    @Test
    void noFileRefersToAPathOutsideTheRepository() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        assertTrue(Files.isRegularFile(root.resolve("pom.xml")), "tests run from the repository root, not " + root);
        List<String> offences = new ArrayList<>();
        List<String> files = files(root);
        assertFalse(files.isEmpty(), "no files found under " + root);
        for (String file : files) {
            offences.addAll(offences(file, root.resolve(file)));
        }
        assertTrue(offences.isEmpty(), offences.size() + " references to paths outside the repository (file:line: text):\n"
                + String.join("\n", offences));
    }

    @Test
    void thePatternsFindWhatTheyAreFor() {
        assertEquals(List.of("README.md:2: see ../" + "shared/x"), check("README.md", "ok\nsee ../" + "shared/x"));
        assertEquals(1, check("a.md", "see 123_" + "0123456789abcdef.txt").size());
        assertEquals(1, check("a.md", "cd " + "/" + "work/x").size());
        assertEquals(1, check("a.sh", "out=" + "/" + "tmp").size());
        assertEquals(List.of(), check("a.md", "https://example.org/tmp/x and mktemp and lecture/workflow"));
        assertEquals(List.of(), check("tools/lab/replay_binder.sh", "tmp=\"$(mktemp -d \"${TMPDIR:-/" + "tmp}/x\")\""));
        assertEquals(1, check("other.sh", "${TMPDIR:-/" + "tmp}").size());
    }

    private static List<String> check(String file, String text) {
        return offences(file, text.lines().toList());
    }

    static List<String> offences(String file, Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return List.of(); // binary
            }
        }
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        return offences(file, text.lines().toList());
    }

    static List<String> offences(String file, List<String> lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (Pattern p : FORBIDDEN) {
                Matcher m = p.matcher(line);
                if (m.find() && !allowed(file, line)) {
                    out.add(file + ":" + (i + 1) + ": " + line.strip());
                    break;
                }
            }
        }
        return out;
    }

    private static boolean allowed(String file, String line) {
        return ALLOWED.stream().anyMatch(a -> a.file().equals(file) && line.contains(a.lineContains()));
    }

    /** Tracked files and new files git would track; without git, a walk of the tree. */
    static List<String> files(Path root) throws IOException, InterruptedException {
        List<String> fromGit = gitFiles(root);
        if (fromGit != null) {
            return fromGit.stream().filter(f -> Files.isRegularFile(root.resolve(f))).toList();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p))
                    .filter(p -> {
                        for (Path part : p) {
                            String n = part.toString();
                            if (SKIPPED_DIRS.contains(n) || n.startsWith(".venv")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .map(p -> p.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> gitFiles(Path root) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            List<String> files = new ArrayList<>();
            for (String f : new String(out, StandardCharsets.UTF_8).split("\0")) {
                if (!f.isEmpty()) {
                    files.add(f);
                }
            }
            return files;
        } catch (IOException noGit) {
            return null;
        }
    }
}
