package io.streamrec.bench;

import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.ModelFamilies;
import io.streamrec.trainer.family.ParameterFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code bench-train}: a built-in GRU4Rec parameter set, resolved as {@code train --params NAME --set
 * epochs=E --set seed=S} resolves it (the family's defaults under the file), so that both sides are told the same
 * setting.
 *
 * @param name     the parameter set's name, as {@code --params} takes it
 * @param settings GRU4Rec's settings, keys to text as a parameter file writes them
 */
record TrainRow(String name, Map<String, String> settings) {
    static final String FAMILY = "gru4rec";
    /** The six settings published with GRU4Rec's reference implementation, as streamrec ships them. */
    static final List<String> NAMES = List.of("rsc15", "yoochoose", "rees46", "retailrocket", "diginetica", "coveo");

    /**
     * The rows {@code names} names, in that order.
     *
     * @throws IllegalArgumentException for a name that is no row, naming the nearest one
     */
    static List<TrainRow> resolve(List<String> names, int epochs, long seed) {
        SettingGroup family = ModelFamilies.byKind(FAMILY).settings();
        List<TrainRow> rows = new ArrayList<>();
        for (String given : names) {
            String name = given.trim();
            if (!NAMES.contains(name)) {
                String hint = SettingGroup.nearest(NAMES, name).map(n -> "did you mean " + n + "? ").orElse("");
                throw new IllegalArgumentException("--rows: no row '" + name + "'; " + hint + "rows: "
                        + String.join(", ", NAMES));
            }
            Settings resolved = family.resolve(ParameterFile.load(FAMILY, name),
                    Map.of("epochs", Integer.toString(epochs), "seed", Long.toString(seed)));
            rows.add(new TrainRow(name, resolved.asStrings()));
        }
        return rows;
    }

    String get(String key) {
        String value = settings.get(key);
        if (value == null) {
            throw new IllegalStateException(FAMILY + " has no setting " + key);
        }
        return value;
    }

    int hidden() {
        return Integer.parseInt(get("hidden_size"));
    }

    int batch() {
        return Integer.parseInt(get("batch_size"));
    }

    String loss() {
        return get("loss");
    }
}
