package io.streamrec.trainer.publish;

import io.streamrec.schemas.verdict.ModelVerdict;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What became of a published bundle, as the serving instances told it on the model-verdicts topic.
 *
 * @param status   accepted by as many instances as were awaited, refused by one, or no (or too few) verdicts in time
 * @param verdicts the verdicts on this bundle that arrived, one per instance
 * @param summary  one line for a person: who accepted, who refused and why, or what was missing
 */
public record PublishOutcome(Status status, List<ModelVerdict> verdicts, String summary) {
    public enum Status { ACCEPTED, REFUSED, NO_VERDICT }

    public PublishOutcome {
        verdicts = List.copyOf(verdicts);
    }

    static PublishOutcome accepted(List<ModelVerdict> verdicts) {
        return new PublishOutcome(Status.ACCEPTED, verdicts, "accepted by " + instances(verdicts));
    }

    static PublishOutcome refused(List<ModelVerdict> verdicts, ModelVerdict refusal) {
        return new PublishOutcome(Status.REFUSED, verdicts, refusal.describe());
    }

    static PublishOutcome noVerdict(List<ModelVerdict> verdicts, String why) {
        return new PublishOutcome(Status.NO_VERDICT, verdicts, why);
    }

    static String instances(List<ModelVerdict> verdicts) {
        return verdicts.stream().map(ModelVerdict::instance).collect(Collectors.joining(", "));
    }
}
