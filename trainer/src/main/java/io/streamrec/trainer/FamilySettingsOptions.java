package io.streamrec.trainer;

import io.streamrec.schemas.settings.Setting;
import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.SettingSources;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.ParameterFile;
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
                "rsc15; ai2v: rsc15, nowplaying)."})
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
        SettingGroup group = family.settings();
        try {
            Map<String, String> set = new LinkedHashMap<>();
            assignments.forEach((key, value) -> set.put(key.trim().toLowerCase(Locale.ROOT).replace('-', '_'), value));
            return group.resolve(configured(family), params == null ? Map.of() : ParameterFile.load(family.kind(),
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
    private Map<String, String> configured(ModelFamily family) {
        String prefix = "STREAMREC_" + family.kind().toUpperCase(Locale.ROOT) + "_";
        for (String key : SettingSources.environment(System.getenv(), prefix).keySet()) {
            try {
                family.settings().require(key);
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
        for (Setting<?> s : family.settings().settings()) {
            try {
                String value = provider.defaultValue(OptionSpec.builder("--" + family.kind() + "." + s.key()).build());
                if (value != null) {
                    values.put(s.key(), value);
                }
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot read the configured " + family.kind() + "." + s.key()
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
            return ModelFamilies.all().stream().filter(f -> f.kind().equalsIgnoreCase(chosen.trim())).findFirst()
                    .map(FamilySettingsOptions::settingsTable)
                    .orElse(System.lineSeparator() + "Model families: " + ModelFamilies.all().stream()
                            .map(ModelFamily::kind).toList() + "; --help with one of them lists its settings."
                            + System.lineSeparator());
        });
        command.usageMessage().sectionMap(renderers);
        return command;
    }

    private static String settingsTable(ModelFamily family) {
        String kind = family.kind();
        StringBuilder out = new StringBuilder(String.format("%nSettings of %s (--set KEY=VALUE or --params FILE;"
                        + " environment STREAMREC_%s_KEY; config file %s.key):%n", kind,
                kind.toUpperCase(Locale.ROOT), kind));
        family.settings().helpLines().forEach(line -> out.append(line).append(System.lineSeparator()));
        return out.toString();
    }
}
