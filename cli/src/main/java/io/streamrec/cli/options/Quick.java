package io.streamrec.cli.options;

import io.streamrec.schemas.settings.Setting;

/**
 * {@code --quick}, for the long-running measurements: small sizes for a development run. A setting it sizes down is
 * declared with its full default and its quick one, and its help says both; a value given explicitly always wins.
 */
public final class Quick {
    public static final Setting<Boolean> QUICK = Setting.flag("quick", false, "A short development run at small"
            + " sizes: each option says what its default is with --quick; options given explicitly still win");

    private Quick() {
    }

    /**
     * A setting whose default is {@code quick} under {@code --quick}; read it with {@link SettingsCommand#sized}.
     *
     * @param setting the setting, with the full run's default (null when an optional one's full default is
     *                computed)
     * @param quick   its default under {@code --quick}
     */
    public record Sized<T>(Setting<T> setting, T quick) {
        /** {@code setting}, whose help also says its default under {@code --quick}. */
        public static <T> Sized<T> of(Setting<T> setting, T quick) {
            Setting<T> documented = new Setting<>(setting.key(), setting.doc() + "; " + setting.format(quick)
                    + " with --quick", setting.defaultValue(), setting.type(), setting.flag());
            return new Sized<>(documented, quick);
        }
    }
}
