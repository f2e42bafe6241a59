package io.streamrec.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamrec.schemas.UserError;
import io.streamrec.schemas.settings.Settings;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.family.ParameterFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every parameter file kept with the trainer reads under its family's declared settings, ranges included. */
class BuiltInParameterFilesTest {
    private static final Map<String, List<String>> BUILT_IN = Map.of(
            "gru4rec", List.of("rsc15", "rsc15-tuned", "rsc15-bprmax", "nowplaying", "synthetic", "yoochoose", "rees46",
                    "diginetica", "coveo", "retailrocket"),
            "caser", List.of("rsc15", "ml100k"),
            "item2vec", List.of("rsc15"),
            "ai2v", List.of("rsc15", "nowplaying"));

    @Test
    void everyBuiltInFileResolvesAndSaysWhatItSets() {
        assertThat(BUILT_IN.keySet()).containsExactlyInAnyOrderElementsOf(
                ModelFamilies.all().stream().map(ModelFamily::kind).toList());
        BUILT_IN.forEach((kind, names) -> {
            ModelFamily family = ModelFamilies.byKind(kind);
            for (String name : names) {
                Map<String, String> file = ParameterFile.load(kind, name);
                Settings resolved = family.settings().resolve(file);
                // each entry reads back as written (the same number, however it is spelt)
                file.forEach((key, value) -> assertThat(family.settings().require(key).parse(value))
                        .as(kind + "/" + name + ": " + key)
                        .isEqualTo(family.settings().require(key).parse(resolved.asStrings().get(key))));
            }
        });
    }

    @Test
    void aMissingParameterSetIsOneLineNamingIt() {
        assertThatThrownBy(() -> ParameterFile.load("caser", "rsc16"))
                .isInstanceOf(UserError.class)
                .hasMessage("no parameter file rsc16: neither a file nor a built-in caser parameter set");
    }
}
