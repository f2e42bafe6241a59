package io.streamrec.torture;

import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelBundleCodec;

/**
 * The one step that turns a model into the bytes its rightful publisher puts on the model topic. Good bundles go
 * through it; forged ones are edits of its output, never made by it. Today bundles carry no signature, so the
 * bytes are the codec's; a publisher that signs (and an app started with the matching public key) replaces
 * {@link #UNSIGNED} without any forgery changing, and each forgery then breaks the signature.
 */
@FunctionalInterface
public interface TrustedPublisher {
    TrustedPublisher UNSIGNED = ModelBundleCodec::encode;

    byte[] publishable(ModelBundle bundle);
}
