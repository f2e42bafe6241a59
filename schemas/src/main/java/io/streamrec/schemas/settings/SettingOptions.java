package io.streamrec.schemas.settings;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A {@link SettingGroup} offered on a picocli command line: one {@code --flag} option per setting, generated from
 * its declaration, so a setting's name, default, range and help are written once. Options are read as text and
 * parsed by the setting itself, so a bad value gets the same message from a flag as from a file; the command line's
 * default-value provider (environment, config file) feeds them like any other option.
 */
public final class SettingOptions {
    private SettingOptions() {
    }

    /** {@code spec} with an option for each of {@code group}'s settings; for a command's model transformer. */
    public static CommandSpec addTo(CommandSpec spec, SettingGroup group) {
        for (Setting<?> s : group.settings()) {
            spec.addOption(option(s));
        }
        return spec;
    }

    private static <T> OptionSpec option(Setting<T> s) {
        String shown = s.defaultValue() == null ? "unset" : s.format(s.defaultValue());
        OptionSpec.Builder b = OptionSpec.builder("--" + s.flag())
                .type(String.class)
                .paramLabel(s.type().label())
                .description(s.doc() + " (default: " + shown + "; " + s.range() + ")");
        if (s.defaultValue() instanceof Boolean) {
            // A switch: given alone it turns the setting on; "--flag=false" still turns it off.
            b.arity("0..1").fallbackValue("true");
        }
        return b.build();
    }

    /**
     * The group's settings as this parse left them: its defaults, overlaid by every option that was given or that the
     * default-value provider filled. A refused value is a usage error naming the option.
     */
    public static Settings values(CommandSpec spec, SettingGroup group) {
        Settings settings = group.defaults();
        for (Setting<?> s : group.settings()) {
            OptionSpec option = spec.findOption("--" + s.flag());
            if (option == null) {
                throw new IllegalStateException(spec.name() + " does not offer --" + s.flag());
            }
            String text = option.getValue();
            if (text != null) {
                try {
                    settings = settings.with(s.key(), text);
                } catch (SettingException e) {
                    throw new ParameterException(spec.commandLine(), "--" + s.flag() + ": "
                            + e.problem());
                }
            }
        }
        return settings;
    }
}
