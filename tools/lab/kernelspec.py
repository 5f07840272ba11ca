"""Points the JJava kernelspec `java` of the current Python environment at the descent library.

The jjava wheel installs its kernel into <sys.prefix>/share/jupyter/kernels/java (kernel.json, the
launcher jar and the kernel jar). This script rewrites that kernel.json so the kernel starts with
the library on its class path, the notebook imports loaded, a fixed heap and DJL kept offline.
Run with the environment's own python: python tools/lab/kernelspec.py ROOT [--heap 768m] [--threads 1] [--gpu]
(--gpu: target/lib holds the GPU build, made with the Maven profile gpu; only the display name and the
metadata say so, the class path is whatever target/lib holds.)

With --plain DIR it writes instead a kernelspec `java` under DIR/kernels/java with NOTHING on the class
path and no startup script: the kernel a course has in its own repository, which loads descent with
`%maven org.descentlab:descent:VERSION`. Put DIR first on JUPYTER_PATH to use it (the external-notebook
check in bin/test does). DJL stays offline there too.
"""
import argparse
import glob
import json
import os
import shutil
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", help="the descent checkout (holds target/descent-*.jar and target/lib)")
    ap.add_argument("--heap", default=os.environ.get("DESCENT_LAB_HEAP", "768m"), help="kernel -Xmx")
    ap.add_argument("--threads", default=os.environ.get("DESCENT_LAB_THREADS", "1"),
                    help="PyTorch intra-op threads (ai.djl.pytorch.num_threads)")
    ap.add_argument("--gpu", action="store_true",
                    help="target/lib holds the GPU build (mvn -Pgpu); named in the kernel's display name")
    ap.add_argument("--plain", metavar="DIR", help="write a kernelspec without the library into DIR/kernels/java")
    args = ap.parse_args()

    root = os.path.abspath(args.root)
    kernel_dir = os.path.join(sys.prefix, "share", "jupyter", "kernels", "java")
    launcher = os.path.join(kernel_dir, "jjava-launcher.jar")
    if not os.path.isfile(launcher) or not os.path.isfile(os.path.join(kernel_dir, "jjava.jar")):
        sys.exit(f"kernelspec: no JJava kernel in {kernel_dir} (pip install jjava first)")

    if args.plain:
        jars, libs = [], []
    else:
        jars, libs = library_jars(root)
        has_cuda = any(os.path.basename(j).startswith("pytorch-native-cu") for j in libs)
        if args.gpu != has_cuda:
            sys.exit(f"kernelspec: --gpu is {'set' if args.gpu else 'not set'} but target/lib "
                     f"{'has no' if args.gpu else 'has a'} CUDA build of PyTorch (build with{'' if args.gpu else 'out'} -Pgpu)")
    build = "GPU build" if args.gpu else "CPU build"

    jvm_opts = [
        f"-Xmx{args.heap}",
        "-XX:+UseSerialGC",
        "-Djava.awt.headless=true",
        f"-Dai.djl.pytorch.num_threads={args.threads}",
        "-Dai.djl.pytorch.num_interop_threads=1",
        "-Dai.djl.offline=true",
        "-Doffline=true",
    ]
    java = shutil.which("java") or "java"

    def argv(jars_dir):
        # The wheel's launcher starts the kernel JVM with JJAVA_JVM_OPTS and the jshell --add-opens;
        # the launcher JVM itself only waits, so it gets a small heap.
        return [java, "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                os.path.join(jars_dir, "jjava-launcher.jar"), os.path.join(jars_dir, "jjava.jar"), "{connection_file}"]

    env = {
        "JJAVA_CLASSPATH": os.pathsep.join(jars + libs),
        "JJAVA_STARTUP_SCRIPTS_PATH": "" if args.plain else os.path.join(root, "tools", "lab", "startup.jshell"),
        "JJAVA_JVM_OPTS": " ".join(jvm_opts),
        "DJL_OFFLINE": "true",
        "OPT_OUT_TRACKING": "true",
    }
    if args.plain:
        # The kernel's own directory holds only kernel.json; the JJava jars stay in the venv's.
        target = os.path.join(os.path.abspath(args.plain), "kernels", "java")
        write(target, {"argv": argv(kernel_dir), "display_name": "Java (plain JJava, no class path)", "language": "java",
                       "interrupt_mode": "message", "env": env})
        print(f"kernelspec: plain java -> {os.path.join(target, 'kernel.json')} (empty class path, no startup script)")
        return

    spec = {
        "argv": argv("{resource_dir}"),
        "display_name": "Java (descent)" if not args.gpu else "Java (descent, GPU build)",
        "language": "java",
        "interrupt_mode": "message",
        "env": env,
        "metadata": {"descent_root": root, "descent_build": "gpu" if args.gpu else "cpu"},
    }
    path = write(kernel_dir, spec)
    print(f"kernelspec: java -> {path} ({len(libs) + 1} jars, {build}, heap {args.heap}, torch threads {args.threads})")


def library_jars(root):
    """target/descent-*.jar and target/lib/*.jar of the checkout, or exit with what to run."""
    jars = [j for j in glob.glob(os.path.join(root, "target", "descent-*.jar"))
            if not j.endswith(("-sources.jar", "-javadoc.jar"))]
    if len(jars) != 1:
        sys.exit(f"kernelspec: expected one target/descent-*.jar, found {jars} (run mvn -DskipTests package)")
    libs = sorted(glob.glob(os.path.join(root, "target", "lib", "*.jar")))
    if not libs:
        sys.exit("kernelspec: target/lib is empty (mvn -DskipTests package copies the runtime dependencies)")
    return jars, libs


def write(directory, spec):
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "kernel.json")
    with open(path, "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")
    return path


if __name__ == "__main__":
    main()
