package io.streamrec.trainer.family;

import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.data.EncodedSplit;
import java.util.function.Function;

/**
 * A {@link ModelFamily} stated once: its settings group (whose name is the family's kind), the name its log lines
 * use, the line help shows, and how resolved settings become its configuration. The family itself only trains.
 *
 * @param <C> the family's configuration record
 */
public abstract class DeclaredFamily<C extends FamilyConfig<C>> implements ModelFamily {
    private final String name;
    private final String description;
    private final SettingGroup settings;
    private final Function<Settings, C> configuration;

    /**
     * @param name          the family as log lines name it ({@code GRU4Rec})
     * @param configuration the configuration record's {@code from}
     */
    protected DeclaredFamily(String name, String description, SettingGroup settings,
                             Function<Settings, C> configuration) {
        this.name = name;
        this.description = description;
        this.settings = settings;
        this.configuration = configuration;
    }

    @Override
    public final String kind() {
        return settings.name();
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final SettingGroup settings() {
        return settings;
    }

    /** Builds the configuration, logs it, and trains. */
    @Override
    public final TrainedModel train(EncodedSplit data, Settings resolved, TrainingContext context) {
        C config = configuration.apply(resolved);
        context.log().accept(name + ": " + config.describe());
        return train(data, config, context);
    }

    /** Trains on {@code data.train()} with {@code config}; see {@link ModelFamily#train}. */
    protected abstract TrainedModel train(EncodedSplit data, C config, TrainingContext context);
}
