package org.descentlab.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the reference fixtures under {@code src/test/resources/reference/} and compares values. */
final class ReferenceFixtures {

    /** Relative tolerance for every value. */
    static final double REL = 1e-12;
    /** Absolute tolerance, for values at or near 0. */
    static final double ABS = 1e-15;

    private ReferenceFixtures() {}

    /** Thrown by a mapping for a case that descent deliberately does not cover. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String reason) {
            super(reason);
        }
    }

    static JsonObject load(String resource) {
        try (InputStream in = ReferenceFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                fail("missing test resource " + resource);
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return JsonParser.parseReader(r).getAsJsonObject();
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + resource, e);
        }
    }

    static List<JsonObject> cases(JsonObject fixture) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : fixture.getAsJsonArray("cases")) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsDouble();
        }
        return d;
    }

    static long[] longs(JsonArray a) {
        long[] d = new long[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsLong();
        }
        return d;
    }

    /** JSON params as the plain values that {@code Options.of} accepts. */
    static Map<String, Object> plain(JsonObject params) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : params.entrySet()) {
            m.put(e.getKey(), plainValue(e.getValue()));
        }
        return m;
    }

    private static Object plainValue(JsonElement v) {
        if (v.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonElement x : v.getAsJsonArray()) {
                list.add(plainValue(x));
            }
            return list;
        }
        if (v.isJsonPrimitive()) {
            JsonPrimitive p = v.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isNumber()) {
                return p.getAsDouble();
            }
            return p.getAsString();
        }
        throw new IllegalArgumentException("unexpected nested parameter " + v);
    }

    static double getDouble(JsonObject p, String name, double fallback) {
        return p.has(name) ? p.get(name).getAsDouble() : fallback;
    }

    static long getLong(JsonObject p, String name, long fallback) {
        return p.has(name) ? p.get(name).getAsLong() : fallback;
    }

    /**
     * Asserts {@code actual} equals {@code expected} value by value to {@link #REL} (or {@link #ABS}
     * near 0) and returns the largest relative error (absolute where the reference is 0).
     */
    static double assertClose(String id, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, id + ": number of values");
        double maxRel = 0;
        for (int k = 0; k < expected.length; k++) {
            double e = expected[k];
            double a = actual[k];
            double err = Math.abs(a - e);
            double rel = e == 0 ? err : err / Math.abs(e);
            maxRel = Math.max(maxRel, rel);
            final int step = k;
            assertTrue(err <= REL * Math.abs(e) || err <= ABS,
                    () -> id + ": step " + step + " expected " + e + " but got " + a + " (relative error "
                            + (e == 0 ? "inf" : String.valueOf(Math.abs(a - e) / Math.abs(e))) + ")");
        }
        return maxRel;
    }
}
