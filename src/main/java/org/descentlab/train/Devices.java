package org.descentlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where training runs: {@code cpu}, {@code gpu} (the first GPU), {@code gpu:N}, or {@code auto} (the
 * first GPU when the engine has one, else the CPU). {@code auto} is what a run gets when nothing is
 * said; the environment variable {@value #VARIABLE} replaces it for every run of a process (the
 * notebooks read it, the CLI's {@code --device} overrides it).
 *
 * <p>Asking for a GPU that the engine does not have is an error that says why ({@link
 * EngineInfo#reasonForNoGpu()}), never a silent CPU run.
 */
public final class Devices {

    /** The environment variable with the default device of this process. */
    public static final String VARIABLE = "DESCENT_DEVICE";
    /** The spelling of the automatic choice. */
    public static final String AUTO = "auto";
    /** The accepted spellings, for error messages. */
    public static final String VALID = "cpu, gpu, gpu:N (N >= 0) or auto";

    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d{1,4}))?");

    private Devices() {}

    /**
     * {@code spec} in its normal form: {@code auto} (also for {@code null} or blank), {@code cpu} or
     * {@code gpu:N}. Only the spelling is checked; the engine is not started.
     *
     * @throws IllegalArgumentException naming the valid spellings
     */
    public static String normalize(String spec) {
        if (spec == null || spec.isBlank()) {
            return AUTO;
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals(AUTO) || s.equals("cpu")) {
            return s;
        }
        Matcher m = GPU.matcher(s);
        if (m.matches()) {
            return "gpu:" + (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("device = '" + spec + "' is invalid: must be " + VALID);
    }

    /** The device of this process when nothing is said: {@value #VARIABLE}, else {@code auto}. */
    public static String fromEnvironment() {
        String v = System.getenv(VARIABLE);
        try {
            return normalize(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + " = '" + v + "' is invalid: must be " + VALID, e);
        }
    }

    /**
     * The DJL device for {@code spec} ({@code auto} and {@code null} follow {@link #fromEnvironment()}).
     * Starts the engine.
     *
     * @throws IllegalArgumentException for a bad spelling, or a GPU the engine does not have (with the
     *     reason)
     */
    public static Device resolve(String spec) {
        String s = normalize(spec);
        String what = "device";
        if (s.equals(AUTO)) {
            s = fromEnvironment();
            what = VARIABLE;
        }
        int gpus = Engine.getInstance().getGpuCount();
        if (s.equals(AUTO)) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int id = Integer.parseInt(s.substring("gpu:".length()));
        if (gpus == 0) {
            throw new IllegalArgumentException(what + " = '" + s + "' is unavailable: the engine has no GPU ("
                    + EngineInfo.reasonForNoGpu() + "); use cpu, or see 'descent doctor' and docs/gpu.md");
        }
        if (id >= gpus) {
            throw new IllegalArgumentException(what + " = '" + s + "' is unavailable: the engine has " + gpus
                    + " GPU" + (gpus == 1 ? "" : "s") + ", so N must be in [0, " + (gpus - 1) + "]");
        }
        return Device.gpu(id);
    }

    /** The name a run reports: {@code cpu} or {@code gpu:N} (the same spelling the option takes). */
    public static String name(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}
