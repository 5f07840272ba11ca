package org.descentlab.cli;

import org.descentlab.data.MnistCache;
import org.descentlab.train.EngineInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code descent doctor}: what this machine gives the library (engine, build, devices, MNIST), one fact a line. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Print Java, DJL, the PyTorch build (cpu or cuNNN) and where it was loaded from, the GPUs"
                + " and the CUDA runtime (or why none is used), intra-op threads, offline mode, the default device"
                + " and the MNIST cache's state."})
final class DoctorCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        EngineInfo.probe().lines().forEach(out::println);
        MnistCache mnist = MnistCache.standard();
        out.println("mnist cache: " + (mnist.filled() ? "filled (" + mnist.dir() + ")"
                : "not filled (" + mnist.dir() + ": " + String.join("; ", mnist.problems()) + "); fill it with "
                        + mnist.fixCommand()));
        out.flush();
    }
}
