package io.streamrec.schemas.settings;

/**
 * A value or key that a {@link SettingGroup} refuses: the message names the setting and says what it takes, so it can
 * be shown to a user as it is, whichever source (file, flag, {@code --set}, environment) the value came from.
 */
public final class SettingException extends IllegalArgumentException {
    private final String key;
    private final String problem;

    public SettingException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** The setting's key. */
    public String key() {
        return key;
    }

    /** What is wrong with the value or key, without the key: for a message that names the setting another way. */
    public String problem() {
        return problem;
    }
}
