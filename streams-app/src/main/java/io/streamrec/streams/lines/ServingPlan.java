package io.streamrec.streams.lines;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which model lines an instance serves: a traffic split over one or more lines, each session answered by exactly
 * one of them, and optionally a shadow line that scores the same events without its answer being sent (it is only
 * measured, see {@code OnlineAccuracy}). Every instance of an application must be given the same plan; the split
 * itself is a pure function of the session key (see {@link TrafficSplit}).
 *
 * @param split  the lines that answer, in the order given; at least one, with a positive total weight
 * @param shadow the line scored in the shadow of every event, or null for none; never one of the split's lines
 */
public record ServingPlan(List<LineShare> split, String shadow) {

    public ServingPlan {
        split = List.copyOf(split);
        if (split.isEmpty()) {
            throw new IllegalArgumentException("a traffic split needs at least one model line");
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (LineShare share : split) {
            if (!seen.add(share.line())) {
                throw new IllegalArgumentException("model line '" + share.line() + "' appears twice in the split");
            }
            total += share.weight();
        }
        if (total <= 0) {
            throw new IllegalArgumentException("the weights of a traffic split must add up to more than 0");
        }
        if (shadow != null && shadow.isBlank()) {
            shadow = null;
        }
        if (shadow != null && seen.contains(shadow)) {
            throw new IllegalArgumentException("model line '" + shadow + "' cannot be both in the split and the "
                    + "shadow: a line has one model, which either answers a session or shadows it");
        }
    }

    /** Every session to one line, no shadow: how the app served before lines existed. */
    public static ServingPlan single(String line) {
        return new ServingPlan(List.of(new LineShare(line, 1)), null);
    }

    /**
     * A plan from the command-line forms: {@code "gru4rec=50,caser=50"} (weights are relative, so 1,1 is the same
     * split as 50,50; a name without {@code =weight} weighs 1), and a shadow line name or null.
     */
    public static ServingPlan parse(String split, String shadow) {
        List<LineShare> shares = new ArrayList<>();
        for (String part : split.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                shares.add(new LineShare(p, 1));
                continue;
            }
            String weight = p.substring(eq + 1).trim();
            try {
                shares.add(new LineShare(p.substring(0, eq).trim(), Integer.parseInt(weight)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + weight + "' in '" + p + "' is not a whole-number weight");
            }
        }
        return new ServingPlan(shares, shadow);
    }

    public Optional<String> shadowLine() {
        return Optional.ofNullable(shadow);
    }

    /** The first line of the split: what single-model views ({@code /model}, {@code currentModel()}) show. */
    public String primaryLine() {
        return split.get(0).line();
    }

    /** Every line whose bundles this instance loads: the split's, then the shadow. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(split.size() + 1);
        split.forEach(s -> lines.add(s.line()));
        shadowLine().ifPresent(lines::add);
        return List.copyOf(lines);
    }

    /** The command-line form, e.g. {@code gru4rec=50,caser=50}. */
    public String splitSpec() {
        StringBuilder spec = new StringBuilder();
        for (LineShare share : split) {
            if (!spec.isEmpty()) {
                spec.append(',');
            }
            spec.append(share.line()).append('=').append(share.weight());
        }
        return spec.toString();
    }
}
