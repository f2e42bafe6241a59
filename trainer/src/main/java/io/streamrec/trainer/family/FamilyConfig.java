package io.streamrec.trainer.family;

import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.Settings;
import java.util.Map;

/**
 * A family's typed configuration, built from its resolved {@link Settings} in one place ({@link #rebuild}) and keeping
 * them, so that a changed copy, the manifest's training map and the text a parameter file would hold all come from
 * the one declaration of each setting.
 *
 * @param <C> the configuration record itself
 */
public interface FamilyConfig<C extends FamilyConfig<C>> {
    /** The resolved settings this configuration was built from. */
    Settings settings();

    /** The configuration {@code settings} describe (the record's {@code from}). */
    C rebuild(Settings settings);

    /** This configuration with {@code overrides} (keys to text) applied; an unknown key or a bad value is refused. */
    default C with(Map<String, String> overrides) {
        return rebuild(settings().with(overrides));
    }

    /** This configuration with one setting changed. */
    default <T> C with(Setting<T> setting, T value) {
        return rebuild(settings().with(setting, value));
    }

    /** One line for logs; by default every setting as {@code key=value}. */
    default String describe() {
        return asMap().toString();
    }

    /**
     * For the record's constructor: {@code settings} must be resolved against the family's own {@code group}.
     *
     * @throws IllegalArgumentException naming {@code family} otherwise
     */
    static void requireGroup(Settings settings, SettingGroup group, String family) {
        if (settings.group() != group) {
            throw new IllegalArgumentException("not " + family + "'s settings: " + settings);
        }
    }

    /** The settings as text under their keys: the manifest's training map, which {@link #with(Map)} reads back. */
    default Map<String, String> asMap() {
        return settings().asStrings();
    }
}
