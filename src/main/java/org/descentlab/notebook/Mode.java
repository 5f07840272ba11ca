package org.descentlab.notebook;

import org.descentlab.train.Devices;
import org.descentlab.train.EngineInfo;

import java.util.Locale;

/**
 * Quick or full mode of the course notebooks. Quick mode (environment variable {@code DESCENT_QUICK}
 * set to {@code 1}, {@code true} or {@code yes}) runs each notebook in seconds with fewer steps and
 * smaller grids, for tests and first looks; full mode (the variable unset, empty or {@code 0})
 * reproduces the lectures' settings. A notebook reads the mode through {@link #pick}, e.g.
 * {@code int steps = Mode.pick(200, 5000);}. The first cell's {@link #describe()} line also names the
 * device training runs use ({@link #device()}).
 */
public final class Mode {

    /** The environment variable that switches quick mode on. */
    public static final String VARIABLE = "DESCENT_QUICK";

    private Mode() {}

    /** True when {@code DESCENT_QUICK} is set to {@code 1}, {@code true} or {@code yes} (any case). */
    public static boolean quick() {
        return isQuick(System.getenv(VARIABLE));
    }

    /** The rule behind {@link #quick()}, for one value of the variable ({@code null} when unset). */
    static boolean isQuick(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }

    /** {@code quickValue} in quick mode, {@code fullValue} otherwise. */
    public static int pick(int quickValue, int fullValue) {
        return quick() ? quickValue : fullValue;
    }

    /** {@code quickValue} in quick mode, {@code fullValue} otherwise. */
    public static long pick(long quickValue, long fullValue) {
        return quick() ? quickValue : fullValue;
    }

    /** {@code quickValue} in quick mode, {@code fullValue} otherwise. */
    public static double pick(double quickValue, double fullValue) {
        return quick() ? quickValue : fullValue;
    }

    /** {@code quickValue} in quick mode, {@code fullValue} otherwise. */
    public static <T> T pick(T quickValue, T fullValue) {
        return quick() ? quickValue : fullValue;
    }

    /** "quick" or "full": the word to print beside numbers a notebook measured. */
    public static String name() {
        return quick() ? "quick" : "full";
    }

    /**
     * The device the notebook's training runs use: {@code cpu} or {@code gpu:N}. Set by the environment
     * variable {@value Devices#VARIABLE} ({@code cpu}, {@code gpu}, {@code gpu:N}); unset, the first GPU
     * when the engine has one, else the CPU. Starts the engine.
     */
    public static String device() {
        return Devices.name(Devices.resolve(Devices.AUTO));
    }

    /** One line for a notebook's first cell: library version, Java version, the mode and the device. */
    public static String describe() {
        Package p = Mode.class.getPackage();
        String version = p == null || p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion();
        return String.format(Locale.ROOT, "descent %s on Java %s, %s mode (%s=%s), device %s (%s; %s=%s)", version,
                System.getProperty("java.version"), name(), VARIABLE,
                System.getenv(VARIABLE) == null ? "unset" : System.getenv(VARIABLE), device(), EngineInfo.build(),
                Devices.VARIABLE, System.getenv(Devices.VARIABLE) == null ? "unset" : System.getenv(Devices.VARIABLE));
    }
}
