package org.descentlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the deep-learning engine of this process is and can use: versions, which PyTorch build was
 * loaded (flavor {@code cpu} or {@code cuNNN}) and from where, the GPUs it sees and, when it sees
 * none, why. {@code descent doctor} prints it; {@link org.descentlab.notebook.Mode#describe()} quotes
 * the device line.
 *
 * @param java Java version and vendor
 * @param djl DJL version
 * @param engine engine name and version, e.g. {@code PyTorch 2.7.1}
 * @param flavor the loaded PyTorch build: {@code cpu}, {@code cu124}, ...
 * @param nativeDir the directory the native library was loaded from
 * @param bundledFlavors the PyTorch builds on the class path (the {@code gpu} Maven profile adds a CUDA one)
 * @param gpus one line per GPU the engine sees (empty without)
 * @param cudaRuntime the CUDA runtime found, e.g. {@code 12.4}, or why none was
 * @param whyNoGpu empty when a GPU is usable, else the reason
 * @param intraOpThreads PyTorch's intra-op threads now
 * @param offline DJL's offline mode (no downloads at engine start)
 * @param defaultDevice the device a run gets when nothing is said ({@link Devices})
 */
public record EngineInfo(
        String java,
        String djl,
        String engine,
        String flavor,
        String nativeDir,
        List<String> bundledFlavors,
        List<String> gpus,
        String cudaRuntime,
        String whyNoGpu,
        int intraOpThreads,
        boolean offline,
        String defaultDevice) {

    private static final Pattern FLAVOR_IN_DIR = Pattern.compile(".*-(cpu|cu\\d+)(-precxx11)?-[a-z]+-[a-z0-9_]+$");

    public EngineInfo {
        bundledFlavors = List.copyOf(bundledFlavors);
        gpus = List.copyOf(gpus);
    }

    /** Starts the engine (if not yet started) and collects the facts. */
    public static EngineInfo probe() {
        Engine e = Engine.getInstance();
        int count = e.getGpuCount();
        List<String> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gpus.add("gpu:" + i + " " + gpuName(i));
        }
        String dir = loadedNativeDir();
        return new EngineInfo(
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                Engine.getDjlVersion(),
                e.getEngineName() + " " + e.getVersion(),
                flavorOf(dir),
                dir,
                bundledBuilds(),
                gpus,
                findCudaRuntime(),
                count > 0 ? "" : reasonForNoGpu(),
                "PyTorch".equals(e.getEngineName()) ? JniUtils.getNumThreads() : -1,
                Utils.isOfflineMode(),
                Devices.name(Devices.resolve(Devices.AUTO)));
    }

    /** The doctor's lines, {@code key: value}. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("java: " + java);
        out.add("djl: " + djl);
        out.add("engine: " + engine + ", flavor " + flavor);
        out.add("native library: " + nativeDir);
        out.add("bundled PyTorch builds: " + String.join(", ", bundledFlavors));
        out.add("gpus: " + gpus.size() + (gpus.isEmpty() ? " (" + whyNoGpu + ")" : ""));
        gpus.forEach(g -> out.add("  " + g));
        out.add("cuda runtime: " + cudaRuntime);
        out.add("intra-op threads: " + intraOpThreads + " (training on the CPU sets its own: ThreadPolicy)");
        out.add("offline mode: " + offline);
        out.add("device: " + defaultDevice + " (default; " + Devices.VARIABLE + "="
                + (System.getenv(Devices.VARIABLE) == null ? "unset" : System.getenv(Devices.VARIABLE)) + ")");
        return out;
    }

    /** The engine and its loaded build, e.g. {@code PyTorch 2.7.1, cpu build}: for reports and notebooks. */
    public static String build() {
        Engine e = Engine.getInstance();
        return e.getEngineName() + " " + e.getVersion() + ", " + flavorOf(loadedNativeDir()) + " build";
    }

    /**
     * Why the engine has no GPU, in the order a GPU machine fails: no CUDA build on the class path,
     * no NVIDIA driver, no CUDA runtime library, a runtime that sees no GPU, or a runtime older than
     * the bundled CUDA build (DJL then loads the CPU build).
     */
    public static String reasonForNoGpu() {
        List<String> cuda = bundledBuilds().stream().filter(f -> f.startsWith("cu")).toList();
        if (cuda.isEmpty()) {
            return "this build bundles only the CPU build of PyTorch; build with the Maven profile gpu (-Pgpu)";
        }
        String loaded = flavorOf(loadedNativeDir());
        if (!Files.exists(Path.of("/proc/driver/nvidia/version"))) {
            return "no NVIDIA driver is loaded (/proc/driver/nvidia/version is absent), so the " + loaded
                    + " build of PyTorch was loaded";
        }
        String runtime;
        try {
            runtime = version(CudaUtils.getCudaVersion());
        } catch (RuntimeException ex) {
            return "the NVIDIA driver is loaded but the CUDA runtime library libcudart.so is not on the library path"
                    + " (LD_LIBRARY_PATH or ldconfig), so DJL chose the " + loaded + " build";
        }
        if (CudaUtils.getGpuCount() == 0) {
            return "the CUDA runtime " + runtime + " sees no GPU (driver older than the runtime, or"
                    + " CUDA_VISIBLE_DEVICES hides them)";
        }
        String newest = cuda.get(0);
        if (Integer.parseInt(CudaUtils.getCudaVersionString()) < Integer.parseInt(newest.substring(2))) {
            return "the CUDA runtime " + runtime + " is older than the bundled build " + newest
                    + ", so DJL chose the " + loaded + " build";
        }
        return "DJL loaded the " + loaded + " build although a GPU and CUDA runtime " + runtime
                + " are present (see the engine's log)";
    }

    private static String findCudaRuntime() {
        try {
            return version(CudaUtils.getCudaVersion());
        } catch (RuntimeException e) {
            return "not found (no libcudart.so on the library path; the CPU build needs none)";
        }
    }

    private static String version(int cudaVersion) {
        return String.format(Locale.ROOT, "%d.%d", cudaVersion / 1000, cudaVersion / 10 % 100);
    }

    private static String loadedNativeDir() {
        Engine e = Engine.getInstance();
        return "PyTorch".equals(e.getEngineName()) ? LibUtils.getLibtorchPath() : "(not PyTorch)";
    }

    /** The flavor from DJL's cache directory name, e.g. {@code 2.7.1-20250812-cpu-linux-x86_64}. */
    static String flavorOf(String dir) {
        Matcher m = FLAVOR_IN_DIR.matcher(Path.of(dir).getFileName() == null ? dir : Path.of(dir).getFileName().toString());
        return m.matches() ? m.group(1) : "unknown";
    }

    /** The flavors of the PyTorch native jars on the class path, CUDA ones first (newest first). */
    static List<String> bundledBuilds() {
        List<String> flavors = new ArrayList<>();
        try {
            Enumeration<URL> urls = Thread.currentThread().getContextClassLoader()
                    .getResources("native/lib/pytorch.properties");
            while (urls.hasMoreElements()) {
                Properties p = new Properties();
                try (InputStream in = urls.nextElement().openStream()) {
                    p.load(in);
                }
                flavors.add(p.getProperty("flavor", "unknown"));
            }
        } catch (IOException e) {
            flavors.add("unreadable: " + e.getMessage());
        }
        flavors.sort(Collections.reverseOrder());
        return flavors;
    }

    private static String gpuName(int id) {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader",
                    "--id=" + id).redirectErrorStream(true).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!s.isEmpty()) {
                    return s;
                }
            } else {
                p.destroy();
            }
        } catch (IOException e) {
            // no nvidia-smi: fall back to what the CUDA runtime says
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "compute capability " + CudaUtils.getComputeCapability(id) + ", "
                + CudaUtils.getGpuMemory(Device.gpu(id)).getMax() / (1 << 20) + " MiB";
    }
}
