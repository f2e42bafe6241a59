package io.streamrec.streams.serving;

import io.streamrec.model.OnnxModel;
import io.streamrec.model.ScoringOptions;
import io.streamrec.schemas.bundle.InvalidBundleException;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides whether a record from the model topic becomes the serving model. Every check that can refuse a bundle
 * runs here, before the swap: the archive and checksum, the manifest's name and version, and ONNX Runtime loading
 * and warming up the graph against the manifest's signature.
 */
public final class BundleGate {
    private final Set<String> modelNames;
    private final ScoringOptions scoring;

    /** A gate for the bundles of one model line. */
    public BundleGate(String modelName, ScoringOptions scoring) {
        this(Set.of(modelName), scoring);
    }

    /** A gate for the bundles of several model lines; each record is judged against its own line's version. */
    public BundleGate(Set<String> modelNames, ScoringOptions scoring) {
        this.modelNames = Set.copyOf(modelNames);
        this.scoring = scoring;
    }

    /**
     * The verdict on one record of the model topic. The version check runs before ONNX Runtime sees the graph, so an
     * old bundle replayed from the compacted topic costs a ZIP read, not a model load.
     *
     * @param servingVersion the version the record's line serves now, empty before its first model
     * @return {@link BundleDecision.Accept} with a loaded model the caller now owns (and must install or close)
     */
    public BundleDecision consider(String key, byte[] value, OptionalLong servingVersion) {
        if (key == null || !modelNames.contains(key)) {
            return new BundleDecision.Ignore("record for model '" + key + "', this app serves " + modelNames);
        }
        if (value == null) {
            return new BundleDecision.Ignore("tombstone for '" + key + "'");
        }
        ModelBundle bundle;
        try {
            bundle = ModelBundleCodec.decode(value);
        } catch (InvalidBundleException e) {
            return new BundleDecision.Refuse(e.getMessage());
        } catch (RuntimeException e) {
            // Whatever the bytes do to the decoder, the verdict is the same: this bundle does not serve.
            return new BundleDecision.Refuse("undecodable bundle: " + e);
        }
        if (!key.equals(bundle.manifest().name())) {
            return new BundleDecision.Refuse("manifest names model '" + bundle.manifest().name()
                    + "' but the record key is '" + key + "'");
        }
        long version = bundle.manifest().version();
        if (servingVersion.isPresent() && version <= servingVersion.getAsLong()) {
            return new BundleDecision.Refuse("version " + version + " is not newer than the serving version "
                    + servingVersion.getAsLong());
        }
        try {
            return new BundleDecision.Accept(OnnxModel.load(bundle, scoring));
        } catch (InvalidBundleException e) {
            return new BundleDecision.Refuse(bundle.manifest().label() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new BundleDecision.Refuse(bundle.manifest().label() + ": ONNX Runtime failed to load it: " + e);
        }
    }
}
