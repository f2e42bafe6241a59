package io.streamrec.trainer.family;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

/** How a family's configuration refuses a setting: by an error that starts with the setting's key. */
public final class SettingRefusals {
    private SettingRefusals() {
    }

    /** Asserts that setting {@code key} to {@code value} on {@code config} is refused with "{@code key}: {@code why}…". */
    public static void assertRefused(FamilyConfig<?> config, String key, String value, String why) {
        assertThatThrownBy(() -> config.with(Map.of(key, value))).hasMessageStartingWith(key + ": " + why);
    }
}
