package dev.gatehouse.platform.egress;

/**
 * A fetch that produced no response. {@link #code()} is stable (job results and API errors carry
 * it); {@link #retryable()} says whether the same request might succeed later. Messages are fixed
 * per code and never name an address or port.
 */
public final class FetchException extends Exception {

    /** Every way a fetch fails. */
    public enum Failure {
        EGRESS_DENIED(false, "the destination is not allowed"),
        INVALID_URL(false, "the URL is not a valid http or https URL"),
        TOO_MANY_REDIRECTS(false, "too many redirects"),
        TOO_LARGE(false, "the response body is larger than allowed"),
        UNSUPPORTED_CONTENT_TYPE(false, "the response content type is not accepted"),
        TIMEOUT(true, "the destination did not answer in time"),
        CONNECT_FAILED(true, "could not connect to the destination"),
        DNS_FAILED(true, "the host name could not be resolved"),
        TLS_FAILED(false, "the TLS handshake with the destination failed"),
        NETWORK_ERROR(true, "the connection to the destination broke"),
        PROTOCOL_ERROR(false, "the destination sent a malformed or unsupported response");

        private final boolean retryable;
        private final String message;

        Failure(boolean retryable, String message) {
            this.retryable = retryable;
            this.message = message;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Failure failure;

    FetchException(Failure failure) {
        super(failure.message, null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    public String code() {
        return failure.code();
    }

    public boolean retryable() {
        return failure.retryable;
    }
}
