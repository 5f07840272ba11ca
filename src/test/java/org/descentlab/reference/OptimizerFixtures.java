package org.descentlab.reference;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.GradientSequence;
import org.descentlab.problem.Problem;
import org.descentlab.problem.Rosenbrock;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the optimizer trajectories that tools/reference/generate.py wrote from torch.optim and optax
 * (float64), and replays a case with a descent optimizer through {@link TrajectoryRunner}.
 */
public final class OptimizerFixtures {

    /** One reference run: the library's optimizer name and kwargs, the problem and the trajectory. */
    public record Case(
            String id, String optimizer, Map<String, Object> params, String problemName, Problem problem,
            int steps, double[][] trajectory) {
        @Override
        public String toString() {
            return id;
        }
    }

    private final String library;
    private final String version;
    private final List<Case> cases;

    private OptimizerFixtures(String library, String version, List<Case> cases) {
        this.library = library;
        this.version = version;
        this.cases = cases;
    }

    /** Loads {@code reference/optimizers-<library>.json} from the test class path. */
    public static OptimizerFixtures load(String library) {
        String resource = "/reference/optimizers-" + library + ".json";
        try (InputStream in = OptimizerFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource + ": run tools/reference/run.sh");
            }
            JsonObject root = new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), JsonObject.class);
            JsonObject gen = root.getAsJsonObject("generator");
            Map<String, Problem> problems = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("problems").entrySet()) {
                problems.put(e.getKey(), problem(e.getValue().getAsJsonObject()));
            }
            List<Case> cases = new ArrayList<>();
            for (JsonElement el : root.getAsJsonArray("cases")) {
                JsonObject c = el.getAsJsonObject();
                String problemName = c.get("problem").getAsString();
                cases.add(new Case(
                        c.get("id").getAsString(),
                        c.get("optimizer").getAsString(),
                        params(c.getAsJsonObject("params")),
                        problemName,
                        problems.get(problemName),
                        c.get("steps").getAsInt(),
                        matrix(c.getAsJsonArray("trajectory"))));
            }
            return new OptimizerFixtures(gen.get("library").getAsString(), gen.get("version").getAsString(), cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String library() {
        return library;
    }

    public String version() {
        return version;
    }

    public List<Case> cases() {
        return cases;
    }

    /**
     * Replays {@code c} with {@code optimizer} and returns the largest relative deviation over all
     * steps and coordinates: |ours - ref| / max(|ref|, floor).
     */
    public static double maxRelativeError(Case c, DescentOptimizer optimizer, double floor) {
        Trajectory t = TrajectoryRunner.run(c.problem(), optimizer, null, c.trajectory()[0], c.steps());
        double worst = 0;
        for (int k = 0; k <= c.steps(); k++) {
            for (int j = 0; j < c.trajectory()[k].length; j++) {
                double ref = c.trajectory()[k][j];
                double ours = t.params()[k][j];
                double err = Math.abs(ours - ref) / Math.max(Math.abs(ref), floor);
                if (!(err <= worst)) {
                    worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                }
            }
        }
        return worst;
    }

    private static Problem problem(JsonObject p) {
        String kind = p.get("kind").getAsString();
        double[] start = vector(p.getAsJsonArray("start"));
        return switch (kind) {
            case "rosenbrock" -> new Rosenbrock(p.get("a").getAsDouble(), p.get("b").getAsDouble(), start);
            case "quadratic" -> new DiagonalQuadratic(vector(p.getAsJsonArray("diag")), start);
            case "sequence" -> new GradientSequence(matrix(p.getAsJsonArray("gradients")), start);
            default -> throw new IllegalStateException("unknown fixture problem kind " + kind);
        };
    }

    private static Map<String, Object> params(JsonObject o) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            JsonElement v = e.getValue();
            if (v.isJsonNull()) {
                out.put(e.getKey(), null);
            } else if (v.isJsonArray()) {
                List<Object> list = new ArrayList<>();
                for (JsonElement x : v.getAsJsonArray()) {
                    list.add(x.getAsDouble());
                }
                out.put(e.getKey(), list);
            } else if (v.getAsJsonPrimitive().isBoolean()) {
                out.put(e.getKey(), v.getAsBoolean());
            } else if (v.getAsJsonPrimitive().isNumber()) {
                out.put(e.getKey(), v.getAsDouble());
            } else {
                out.put(e.getKey(), v.getAsString());
            }
        }
        return out;
    }

    private static double[] vector(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    private static double[][] matrix(JsonArray a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(a.get(i).getAsJsonArray());
        }
        return m;
    }
}
