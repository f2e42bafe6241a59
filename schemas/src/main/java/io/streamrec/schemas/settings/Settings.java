package io.streamrec.schemas.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Values for every setting of one {@link SettingGroup}, each parsed and checked by its {@link Setting}. Immutable:
 * {@code with} returns a copy. {@link #asStrings()} writes them back in the group's order, in the form a parameter file
 * takes, so a manifest's training settings can be read again as they were.
 */
public final class Settings {
    private final SettingGroup group;
    private final Map<String, Object> values;

    private Settings(SettingGroup group, Map<String, Object> values) {
        this.group = group;
        this.values = values;
    }

    static Settings defaults(SettingGroup group) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> s : group.settings()) {
            values.put(s.key(), s.defaultValue());
        }
        return new Settings(group, values);
    }

    public SettingGroup group() {
        return group;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (group.find(setting.key()).orElse(null) != setting) {
            throw new IllegalArgumentException(setting.key() + " is not a setting of " + group.name());
        }
        return (T) values.get(setting.key());
    }

    /** A copy with {@code setting} at {@code value}, checked against its range. */
    public <T> Settings with(Setting<T> setting, T value) {
        get(setting);
        if (value == null && !setting.type().optional()) {
            throw new SettingException(setting.key(), "must be set");
        }
        if (value != null) {
            setting.type().check(setting.key(), value);
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(setting.key(), value);
        return new Settings(group, copy);
    }

    /** A copy with the setting {@code key} names parsed from {@code text}. */
    public Settings with(String key, String text) {
        Setting<?> setting = group.require(key.trim());
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(setting.key(), setting.parse(text));
        return new Settings(group, copy);
    }

    /** A copy with every key of {@code texts} parsed; one unknown key or bad value refuses them all. */
    public Settings with(Map<String, String> texts) {
        Settings s = this;
        for (Map.Entry<String, String> e : texts.entrySet()) {
            s = s.with(e.getKey(), e.getValue());
        }
        return s;
    }

    /** Every value as text, in the group's order. */
    public Map<String, String> asStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : group.settings()) {
            out.put(s.key(), formatted(s));
        }
        return Collections.unmodifiableMap(out);
    }

    private <T> String formatted(Setting<T> s) {
        return s.format(get(s));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings other && other.group == group && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group.name(), values);
    }

    @Override
    public String toString() {
        return group.name() + asStrings();
    }
}
