package io.streamrec.cli.options;

import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.schemas.settings.SettingOptions;
import io.streamrec.schemas.settings.Settings;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command whose options are its {@link SettingGroup}: one {@code --flag} per setting, generated from the
 * declaration (name, default, range, help), and read back parsed and range-checked. The launcher's environment and
 * config file feed the generated options as they feed any other. A subclass names {@link Options} as its
 * {@code @Command(modelTransformer = ...)}, passes its group to the constructor and runs with the settings read once,
 * in {@link #run}; options that are no setting (positional parameters, repeatable {@code KEY=VALUE} maps) stay picocli
 * fields of the subclass.
 */
public abstract class SettingsCommand implements Callable<Integer> {
    private final SettingGroup group;

    @CommandLine.Spec
    CommandSpec spec;

    protected SettingsCommand(SettingGroup group) {
        this.group = group;
    }

    /**
     * The class of the command line's root command, the launcher's main class: what a command that starts another
     * streamrec process names as its main class, without depending on the launcher's package.
     */
    protected final String rootCommandClass() {
        return spec.root().userObject().getClass().getName();
    }

    /**
     * Adds one option per setting of the command's group, which help lists in the group's order; picocli builds the
     * command before it calls this.
     */
    public static final class Options implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            if (!(commandSpec.userObject() instanceof SettingsCommand command)) {
                throw new IllegalStateException(commandSpec.name() + " is not a " + SettingsCommand.class.getName());
            }
            commandSpec.usageMessage().sortOptions(false);
            return SettingOptions.addTo(commandSpec, command.group);
        }
    }

    @Override
    public final Integer call() throws Exception {
        return run(settings());
    }

    /** Runs the command with {@code settings}, as its command line, the environment and the config file give them. */
    protected abstract int run(Settings settings) throws Exception;

    /**
     * The settings this command line (with the environment and config file) gives; a refused value is a usage
     * error naming its option.
     */
    public Settings settings() {
        return SettingOptions.values(spec, group);
    }

    /**
     * The value of a setting that {@code --quick} sizes down: as given (on the command line, in the environment or
     * the config file), else the quick default under {@code --quick}, else the setting's own default.
     */
    public <T> T sized(Settings settings, Quick.Sized<T> sized) {
        boolean given = spec.findOption("--" + sized.setting().flag()).getValue() != null;
        return given || !settings.get(Quick.QUICK) ? settings.get(sized.setting()) : sized.quick();
    }
}
