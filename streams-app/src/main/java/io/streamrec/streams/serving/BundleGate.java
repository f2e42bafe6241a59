package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.InvalidBundleException;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides whether a record from the model topic becomes the serving model. Every check that can refuse a bundle
 * runs here, before the swap, cheapest first: the archive within its limits and its signature (see
 * {@link ModelBundleCodec}), the checksum, the manifest's name, its version ({@link ModelAcceptance}), how much of the
 * recently clicked catalogue it knows, and last ONNX Runtime loading and warming up the graph against the manifest's
 * signature.
 */
public final class BundleGate implements BundleJudge {
    private final Set<String> modelNames;
    private final ScoringOptions scoring;
    private final ModelAcceptance acceptance;
    private final Supplier<List<String>> recentClicks;

    /** A gate for the bundles of one model line, with no clicks to measure a catalogue against. */
    public BundleGate(String modelName, ScoringOptions scoring, ModelAcceptance acceptance) {
        this(Set.of(modelName), scoring, acceptance, List::of);
    }

    /**
     * A gate for the bundles of several model lines; each record is judged against its own line's version.
     *
     * @param recentClicks the items of this instance's recent clicks (see {@link ModelAcceptance})
     */
    public BundleGate(Set<String> modelNames, ScoringOptions scoring, ModelAcceptance acceptance,
                      Supplier<List<String>> recentClicks) {
        this.modelNames = Set.copyOf(modelNames);
        this.scoring = scoring;
        this.acceptance = acceptance;
        this.recentClicks = recentClicks;
    }

    /**
     * The verdict on one record of the model topic. The version and catalogue checks run before ONNX Runtime sees
     * the graph, so an old bundle replayed from the compacted topic costs a ZIP read, not a model load.
     */
    @Override
    public BundleDecision consider(String key, byte[] value, OptionalLong servingVersion) {
        if (key == null || !modelNames.contains(key)) {
            return new BundleDecision.Ignore("record for model '" + key + "', this app serves " + modelNames);
        }
        if (value == null) {
            return new BundleDecision.Ignore("tombstone for '" + key + "'");
        }
        ModelBundle bundle;
        try {
            bundle = ModelBundleCodec.decode(value, acceptance.trust());
        } catch (InvalidBundleException e) {
            return new BundleDecision.Refuse(RefusalCause.INVALID, e.getMessage());
        } catch (RuntimeException e) {
            // Whatever the bytes do to the decoder, the verdict is the same: this bundle does not serve.
            return new BundleDecision.Refuse(RefusalCause.INVALID, "undecodable bundle: " + e);
        }
        long version = bundle.manifest().version();
        if (!key.equals(bundle.manifest().name())) {
            return new BundleDecision.Refuse(RefusalCause.WRONG_NAME, "manifest names model '"
                    + bundle.manifest().name() + "' but the record key is '" + key + "'", version);
        }
        Optional<String> stale = acceptance.versionProblem(version, servingVersion);
        if (stale.isPresent()) {
            return new BundleDecision.Refuse(RefusalCause.STALE_VERSION, stale.get(), version);
        }
        Optional<String> catalogue = acceptance.catalogueProblem(bundle.items(), recentClicks.get());
        if (catalogue.isPresent()) {
            return new BundleDecision.Refuse(RefusalCause.CATALOGUE, catalogue.get(), version);
        }
        try {
            return new BundleDecision.Accept(OnnxModel.load(bundle, scoring));
        } catch (InvalidBundleException e) {
            return new BundleDecision.Refuse(RefusalCause.LOAD, bundle.manifest().label() + ": " + e.getMessage(),
                    version);
        } catch (RuntimeException e) {
            return new BundleDecision.Refuse(RefusalCause.LOAD,
                    bundle.manifest().label() + ": ONNX Runtime failed to load it: " + e, version);
        }
    }
}
