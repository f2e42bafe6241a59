package io.streamrec.trainer.gru4rec;

import io.streamrec.trainer.FamilyRequest;
import io.streamrec.trainer.ModelFamily;
import io.streamrec.trainer.ProgressListener;
import io.streamrec.trainer.TrainingJob;
import io.streamrec.trainer.TrainingRequest;
import io.streamrec.trainer.TrainingResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** GRU4Rec (Hidasi et al., ICLR 2016; Hidasi & Karatzoglou, CIKM 2018) as a {@link ModelFamily}. */
public final class Gru4RecFamily implements ModelFamily {
    @Override
    public String kind() {
        return "gru4rec";
    }

    @Override
    public String description() {
        return "GRU4Rec: session-parallel GRU with sampled cross-entropy or BPR-max (Hidasi et al. 2016, 2018)";
    }

    @Override
    public Map<String, String> defaultSettings() {
        Map<String, String> settings = new LinkedHashMap<>(Gru4RecConfig.defaults().asMap());
        settings.remove("optimizer"); // derived from momentum, for the record only
        return settings;
    }

    @Override
    public TrainingResult train(FamilyRequest request, Consumer<String> log, ProgressListener bar) {
        Gru4RecConfig config = Gru4RecConfig.defaults().with(request.settings());
        log.accept("GRU4Rec: " + config.describe());
        return TrainingJob.run(new TrainingRequest(request.train(), request.test(), config, request.modelName(),
                request.version(), request.ties()), log, bar);
    }
}
