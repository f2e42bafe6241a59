package io.streamrec.trainer;

import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.SettingSources;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.ParameterFile;
import io.streamrec.trainer.useritem.UserItemFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How a command that trains a family reaches the family's settings, declared once per family: its defaults, then what
 * the environment or the config file say ({@code STREAMREC_GRU4REC_HIDDEN_SIZE}, key {@code gru4rec.hidden_size}, read
 * as the command line reads every option's default), then a parameter file ({@code --params}), then the command's own
 * options, then {@code --set key=value}. Every value is parsed and checked by its setting; an unknown key or a value
 * out of range is a one-line usage error naming the key.
 */
public final class FamilySettingsOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--params", paramLabel = "FILE|NAME",
            description = {"Parameter file of the model family (properties, keys as in the settings below) or the name",
                "of a built-in one (gru4rec: rsc15, rsc15-tuned, rsc15-bprmax, nowplaying, synthetic, and the settings",
                "published for yoochoose, rees46, diginetica, coveo, retailrocket; caser: rsc15, ml100k; item2vec:",
                "rsc15; ai2v: rsc15, nowplaying; mf, svdpp: ml100k)."})
    String params;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any setting of the model family by its key (see the settings below); wins over --params and"
                    + " the options. Repeatable.")
    Map<String, String> assignments = new LinkedHashMap<>();

    /**
     * {@code family}'s settings from every source, {@code options} (keys to text, from the command's own options)
     * just below {@code --set}.
     *
     * @throws ParameterException naming the key, for an unknown key or a bad value from any source
     */
    Settings resolve(ModelFamily family, Map<String, String> options) {
        return resolve(family.settings(), options, assignments());
    }

    /** As {@link #resolve(ModelFamily, Map)}, for a user–item family. */
    Settings resolve(UserItemFamily family, Map<String, String> options) {
        return resolve(family.settings(), options, assignments());
    }

    /**
     * A user–item family's settings when one command runs several families: {@code --set} keys that {@code family}
     * does not have are left to the others (the caller checks that every key belongs to one of them), and
     * {@code --params} names each family's own built-in set or a file of keys they share.
     */
    Settings resolveAmong(UserItemFamily family) {
        Map<String, String> own = new LinkedHashMap<>(assignments());
        own.keySet().removeIf(key -> family.settings().find(key).isEmpty());
        return resolve(family.settings(), Map.of(), own);
    }

    /** The {@code --set} assignments, keys as the settings spell them. */
    Map<String, String> assignments() {
        Map<String, String> set = new LinkedHashMap<>();
        assignments.forEach((key, value) -> set.put(key.trim().toLowerCase(Locale.ROOT).replace('-', '_'), value));
        return set;
    }

    private Settings resolve(SettingGroup group, Map<String, String> options, Map<String, String> set) {
        try {
            return group.resolve(configured(group), params == null ? Map.of() : ParameterFile.load(group.name(),
                    params), options, set);
        } catch (IllegalArgumentException e) { // a SettingException names the key
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * What the environment and the config file give for {@code family}'s settings: for each declared key, the value
     * the command line's default-value provider has for an option named {@code KIND.KEY}. Environment variables with
     * the family's prefix must name one of its settings, so a misspelt one is refused rather than ignored.
     */
    private Map<String, String> configured(SettingGroup family) {
        String prefix = "STREAMREC_" + family.name().toUpperCase(Locale.ROOT) + "_";
        for (String key : SettingSources.environment(System.getenv(), prefix).keySet()) {
            try {
                family.require(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("environment variable " + prefix + key.toUpperCase(Locale.ROOT)
                        + ": " + e.getMessage(), e);
            }
        }
        CommandLine.IDefaultValueProvider provider = spec.defaultValueProvider();
        Map<String, String> values = new LinkedHashMap<>();
        if (provider == null) {
            return values;
        }
        for (Setting<?> s : family.settings()) {
            try {
                String value = provider.defaultValue(OptionSpec.builder("--" + family.name() + "." + s.key()).build());
                if (value != null) {
                    values.put(s.key(), value);
                }
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot read the configured " + family.name() + "." + s.key()
                        + ": " + e.getMessage(), e);
            }
        }
        return values;
    }

    /**
     * Adds to {@code command}'s help, after its options, the settings table of the family its {@code familyOption}
     * names as parsed ({@code train --model caser --help} shows Caser's), or of every family when none is named.
     */
    static CommandSpec withSettingsHelp(CommandSpec command, String familyOption, String fallback) {
        String key = "familySettings";
        List<String> keys = new ArrayList<>(command.usageMessage().sectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1, key);
        command.usageMessage().sectionKeys(keys);
        Map<String, CommandLine.IHelpSectionRenderer> renderers = new LinkedHashMap<>(
                command.usageMessage().sectionMap());
        renderers.put(key, help -> {
            OptionSpec option = command.findOption(familyOption);
            String chosen = option == null || option.getValue() == null ? fallback : option.getValue().toString();
            return ModelFamilies.kinds().stream().filter(kind -> kind.equalsIgnoreCase(chosen.trim())).findFirst()
                    .flatMap(ModelFamilies::settingsOf).map(FamilySettingsOptions::settingsTable)
                    .orElse(System.lineSeparator() + "Model families: " + ModelFamilies.kinds()
                            + "; --help with one of them lists its settings." + System.lineSeparator());
        });
        command.usageMessage().sectionMap(renderers);
        return command;
    }

    private static String settingsTable(SettingGroup family) {
        String kind = family.name();
        StringBuilder out = new StringBuilder(String.format("%nSettings of %s (--set KEY=VALUE or --params FILE;"
                        + " environment STREAMREC_%s_KEY; config file %s.key):%n", kind,
                kind.toUpperCase(Locale.ROOT), kind));
        family.helpLines().forEach(line -> out.append(line).append(System.lineSeparator()));
        return out.toString();
    }
}
