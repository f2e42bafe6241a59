package io.streamrec.schemas.bundle;

/** A model bundle that must not be served, with the reason. */
public class InvalidBundleException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidBundleException(String reason) {
        super(reason);
    }

    public InvalidBundleException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
