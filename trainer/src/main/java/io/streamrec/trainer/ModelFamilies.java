package io.streamrec.trainer;

import io.streamrec.schemas.settings.SettingGroup;
import io.streamrec.trainer.ai2v.Ai2vFamily;
import io.streamrec.trainer.caser.CaserFamily;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.gru4rec.Gru4RecFamily;
import io.streamrec.trainer.item2vec.Item2VecFamily;
import io.streamrec.trainer.mf.MfFamily;
import io.streamrec.trainer.svdpp.SvdppFamily;
import io.streamrec.trainer.useritem.UserItemFamily;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The families {@code train --model} offers, in the order help lists them. Adding a family is one line here. */
public final class ModelFamilies {
    private static final List<ModelFamily> ALL = List.of(
            new Gru4RecFamily(),
            new CaserFamily(),
            new Item2VecFamily(),
            new Ai2vFamily());
    /** The user–item families, trained on interactions; adding one is one line here. */
    private static final List<UserItemFamily> USER_ITEM = List.of(
            new MfFamily(),
            new SvdppFamily());

    private ModelFamilies() {
    }

    public static List<ModelFamily> all() {
        return ALL;
    }

    public static List<UserItemFamily> userItem() {
        return USER_ITEM;
    }

    public static ModelFamily byKind(String kind) {
        return ALL.stream().filter(f -> f.kind().equalsIgnoreCase(kind.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + kind + "'; one of "
                        + ALL.stream().map(ModelFamily::kind).toList()));
    }

    /** The user–item family {@code kind} names, if it names one. */
    public static Optional<UserItemFamily> userItemByKind(String kind) {
        return USER_ITEM.stream().filter(f -> f.kind().equalsIgnoreCase(kind.trim())).findFirst();
    }

    /** The settings of the family (session or user–item) {@code kind} names exactly, if it names one. */
    public static Optional<SettingGroup> settingsOf(String kind) {
        return Stream.concat(ALL.stream().map(ModelFamily::settings), USER_ITEM.stream().map(UserItemFamily::settings))
                .filter(g -> g.name().equals(kind)).findFirst();
    }

    /** Every family's kind, session families first: what {@code train --model} takes. */
    public static List<String> kinds() {
        return Stream.concat(ALL.stream().map(ModelFamily::kind), USER_ITEM.stream().map(UserItemFamily::kind))
                .toList();
    }
}
