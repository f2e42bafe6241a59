package io.streamrec.trainer;

import io.streamrec.trainer.ai2v.Ai2vFamily;
import io.streamrec.trainer.caser.CaserFamily;
import io.streamrec.trainer.family.ModelFamily;
import io.streamrec.trainer.gru4rec.Gru4RecFamily;
import io.streamrec.trainer.item2vec.Item2VecFamily;
import io.streamrec.trainer.useritem.UserItemFamily;
import java.util.List;

/** The families {@code train --model} offers, in the order help lists them. Adding a family is one line here. */
public final class ModelFamilies {
    private static final List<ModelFamily> ALL = List.of(
            new Gru4RecFamily(),
            new CaserFamily(),
            new Item2VecFamily(),
            new Ai2vFamily());
    /** The user–item families, trained on interactions; adding one is one line here. */
    private static final List<UserItemFamily> USER_ITEM = List.of();

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
}
