package org.descentlab.train;

import org.descentlab.optim.GradientClipping;
import org.descentlab.optim.Optimizers;
import org.descentlab.optim.Options;
import org.descentlab.schedule.BatchSizeSchedule;
import org.descentlab.schedule.Schedule;
import org.descentlab.schedule.Schedules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link TrainingConfig} as one line of text, and back: how a config travels to a worker process and
 * how a reproduce output directory records the config of its checkpoints ({@code config.txt}). Two
 * parts:
 *
 * <pre>
 *   identity   sgd{lr=0.1, momentum=0.9}, B 256, lr ReduceLROnPlateau{factor=0.1, mode=min} on LAST_MINIBATCH_LOSS;
 *              seed 123; images 5000/1000/2000, training accuracy on 1000; test each epoch false; clipping none
 *              [; train eval loss]
 *   rest       ; batch size 256; epochs 6; threads 0; device auto; run sgd-scheduler-momentum
 * </pre>
 *
 * The identity is what must match for checkpoints to be reused (all but the epochs, which a run may
 * extend, the threads, the device and the name, which the file names already hold); {@link #write} is
 * both parts. Options are sorted by name (a {@code Map.of} iterates in an order that differs between
 * JVMs). Rates and options are written with Java's shortest exact decimal form, so numbers come back
 * bit for bit. A per-epoch schedule comes back through the {@link Schedules} registry and a clipping
 * rule through {@link GradientClipping}, so a schedule of another kind (a lambda, a chain) has a text
 * but no way back: {@link #portable} says so.
 */
public final class ConfigText {

    private static final Pattern LINE = Pattern.compile("(?<optimizer>[^{]+)\\{(?<options>.*?)}, (?<batch>B \\d+|"
            + "BatchSizeSchedule\\(.*?\\)), lr (?<lr>.*?); seed (?<seed>-?\\d+); images (?<train>\\d+)/(?<val>\\d+)/"
            + "(?<test>\\d+), training accuracy on (?<trainEval>\\d+); test each epoch (?<testEach>true|false); clipping "
            + "(?<clip>.*?)(?<evalLoss>; train eval loss)?; batch size (?<batchSize>\\d+); epochs (?<epochs>\\d+); "
            + "threads (?<threads>\\d+); device (?<device>\\S+); run (?<name>.+)");
    private static final Pattern CALL = Pattern.compile("(?<name>\\w+)[({](?<args>.*)[)}]");
    private static final String PER_EPOCH = " per epoch";

    private ConfigText() {}

    /** The part of the text that must match for a run's files to be reused (see the class comment). */
    public static String identity(TrainingConfig c) {
        String lr = c.lrPolicy() instanceof LrPolicy.Plateau p
                ? "ReduceLROnPlateau" + new TreeMap<>(p.options()) + " on " + p.metric() : c.lrPolicy().describe();
        return String.format(Locale.ROOT, "%s%s, %s, lr %s; seed %d; images %d/%d/%d, training accuracy on %d;"
                + " test each epoch %s; clipping %s%s", Optimizers.resolve(c.optimizer()), new TreeMap<>(c.optimizerOptions()),
                c.batchSizeSchedule() == null ? "B " + c.batchSize() : c.batchSizeSchedule().describe(), lr, c.seed(),
                c.trainSize(), c.validationSize(), c.testSize(), c.trainEvalSize(), c.testEachEpoch(),
                c.clipping() == null ? "none" : c.clipping(), c.trainEvalLoss() ? "; train eval loss" : "");
    }

    /** The whole config as one line: {@link #identity} and the rest. */
    public static String write(TrainingConfig c) {
        return String.format(Locale.ROOT, "%s; batch size %d; epochs %d; threads %d; device %s; run %s", identity(c),
                c.batchSize(), c.epochs(), c.threads(), c.device(), c.name());
    }

    /**
     * {@link #write}, checked to read back to the same text (so to a config that trains the same).
     *
     * @throws IllegalArgumentException naming the config and the part that has no way back
     */
    public static String portable(TrainingConfig c) {
        String text = write(c);
        if (c.name().contains("\n") || c.name().contains("\r") || c.name().contains("\t")) {
            throw new IllegalArgumentException("name = '" + c.name() + "' is invalid for a worker process: it must"
                    + " not contain line breaks or tabs");
        }
        String back;
        try {
            back = write(read(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config '" + c.name() + "' cannot be written as text and read back ("
                    + e.getMessage() + "): only schedules of the Schedules registry and the clipping rules of"
                    + " GradientClipping can; train it in this process with Training.runAndSummarize", e);
        }
        if (!back.equals(text)) {
            throw new IllegalArgumentException("config '" + c.name() + "' does not read back from its text: wrote "
                    + text + ", read back " + back + "; train it in this process with Training.runAndSummarize");
        }
        return text;
    }

    /**
     * The config {@link #write} wrote.
     *
     * @throws IllegalArgumentException if {@code text} is not such a line, or names a schedule or
     *     clipping rule that cannot be built from its text
     */
    public static TrainingConfig read(String text) {
        Matcher m = LINE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("text = '" + text + "' is invalid: must be a line ConfigText.write wrote");
        }
        TrainingConfig.Builder b = TrainingConfig.builder(m.group("name"))
                .optimizer(m.group("optimizer"), values(m.group("options")))
                .batchSize(Integer.parseInt(m.group("batchSize")))
                .epochs(Integer.parseInt(m.group("epochs")))
                .seed(Long.parseLong(m.group("seed")))
                .subsets(Integer.parseInt(m.group("train")), Integer.parseInt(m.group("val")),
                        Integer.parseInt(m.group("test")))
                .trainEvalSize(Integer.parseInt(m.group("trainEval")))
                .testEachEpoch(Boolean.parseBoolean(m.group("testEach")))
                .clipping(clipping(m.group("clip")))
                .trainEvalLoss(m.group("evalLoss") != null)
                .threads(Integer.parseInt(m.group("threads")))
                .device(m.group("device"))
                .lrPolicy(lrPolicy(m.group("lr")));
        if (!m.group("batch").startsWith("B ")) {
            b.batchSizeSchedule(batchSizeSchedule(m.group("batch")));
        }
        return b.build();
    }

    private static LrPolicy lrPolicy(String s) {
        if (s.equals(LrPolicy.fixed().describe())) {
            return LrPolicy.fixed();
        }
        int on = s.lastIndexOf(" on ");
        if (s.startsWith("ReduceLROnPlateau{") && on > 0) {
            return LrPolicy.plateau(values(call(s.substring(0, on)).group("args")),
                    LrPolicy.PlateauMetric.valueOf(s.substring(on + 4)));
        }
        if (s.endsWith(PER_EPOCH)) {
            String described = s.substring(0, s.length() - PER_EPOCH.length());
            Matcher c = call(described);
            Schedule schedule = Schedules.fromOptions(c.group("name"), Options.parse(parts(c.group("args"))));
            return LrPolicy.perEpoch(same(schedule, schedule.describe(), described));
        }
        throw new IllegalArgumentException("lr policy '" + s + "' is not one ConfigText can read");
    }

    private static BatchSizeSchedule batchSizeSchedule(String s) {
        Options o = Options.parse(parts(call(s).group("args")));
        double lr = o.getDouble("lr", Double.NaN);
        long b = o.getLong("batch_size", 0);
        double factor = o.getDouble("factor", Double.NaN);
        long max = o.getLong("max_batch_size", Long.MAX_VALUE);
        BatchSizeSchedule schedule = o.has("milestones")
                ? BatchSizeSchedule.atMilestones(lr, b, toLongs(o.getDoubles("milestones")), factor, max)
                : BatchSizeSchedule.everySteps(lr, b, o.getLong("step_size", 0), factor, max);
        o.finish("BatchSizeSchedule");
        return same(schedule, schedule.describe(), s);
    }

    private static GradientClipping clipping(String s) {
        if (s.equals("none")) {
            return null;
        }
        Matcher c = call(s);
        Options o = Options.parse(parts(c.group("args")));
        GradientClipping rule = switch (c.group("name")) {
            case "ClipByGlobalNorm" -> GradientClipping.byGlobalNorm(o.getDouble("max_norm", Double.NaN));
            case "ClipByValue" -> GradientClipping.byValue(o.getDouble("clip_value", Double.NaN));
            default -> throw new IllegalArgumentException("clipping '" + s + "' is not one ConfigText can read");
        };
        o.finish(c.group("name"));
        return same(rule, rule.toString(), s);
    }

    /** {@code value} if its text is {@code text}, else an error: the text did not say everything. */
    private static <T> T same(T value, String itsText, String text) {
        if (!itsText.equals(text)) {
            throw new IllegalArgumentException("'" + text + "' reads back as '" + itsText + "'");
        }
        return value;
    }

    private static Matcher call(String s) {
        Matcher m = CALL.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s + "' is not of the form Name(key=value, ...)");
        }
        return m;
    }

    /** {@code a=1, b=[2, 3]} split at the top-level commas. */
    private static List<String> parts(String args) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char ch = args.charAt(i);
            if (ch == '[' || ch == '(' || ch == '{') {
                depth++;
            } else if (ch == ']' || ch == ')' || ch == '}') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(args.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!args.isBlank()) {
            parts.add(args.substring(start).trim());
        }
        return parts;
    }

    /** Option values as {@link Map#toString} wrote them: integers, decimals, booleans, lists, else words. */
    private static Map<String, Object> values(String args) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String p : parts(args)) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option '" + p + "' is not of the form name=value");
            }
            map.put(p.substring(0, eq), value(p.substring(eq + 1)));
        }
        return map;
    }

    private static Object value(String s) {
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            return parts(s.substring(1, s.length() - 1)).stream().map(ConfigText::value).toList();
        }
        if (s.matches("-?\\d+")) {
            long v = Long.parseLong(s);
            return v == (int) v ? (Object) (int) v : (Object) v;
        }
        if (s.matches("-?(\\d+\\.\\d+(E-?\\d+)?|NaN|Infinity)")) {
            return Double.valueOf(s);
        }
        return s;
    }

    private static long[] toLongs(double[] d) {
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (long) d[i];
        }
        return out;
    }
}
