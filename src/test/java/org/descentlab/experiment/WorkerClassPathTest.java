package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class path a worker process is started with, from the three places descent's classes can come
 * from: a class loader's URLs (in a JJava kernel, JShell's loader holding the jars of JJAVA_CLASSPATH or
 * {@code %maven}), JJAVA_CLASSPATH, and {@code java.class.path} (the command line, the tests).
 */
class WorkerClassPathTest {

    @Test
    void loaderUrlsComeFirstThenJjavaThenTheJvmsClassPathEachOnce(@TempDir Path dir) throws Exception {
        String descent = dir.resolve("descent.jar").toString();
        String classes = dir.resolve("classes").toString();
        String djl = dir.resolve("djl-api.jar").toString();
        String jjava = dir.resolve("jjava.jar").toString();
        try (URLClassLoader parent = new URLClassLoader(new URL[] {Path.of(descent).toUri().toURL()}, null);
                URLClassLoader shell = new URLClassLoader(new URL[] {Path.of(classes).toUri().toURL(),
                        Path.of(descent).toUri().toURL(), new URL("https://repo.example/remote.jar")}, parent)) {
            String path = Workers.classPath(shell, descent + File.pathSeparator + djl, jjava);
            assertEquals(List.of(descent, classes, djl, jjava), List.of(path.split(File.pathSeparator)));
        }
        // the command line and the tests: the JVM's own class path, nothing else
        assertEquals(djl + File.pathSeparator + jjava,
                Workers.classPath(ClassLoader.getPlatformClassLoader(), null, djl + File.pathSeparator + jjava));
        assertEquals(jjava, Workers.classPath(null, " ", jjava));
        // this JVM: with the classes of descent
        String own = Path.of(Workers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertTrue(List.of(Workers.classPath().split(File.pathSeparator)).contains(own), Workers.classPath());
    }
}
