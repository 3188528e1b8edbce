package dev.gatehouse.platform.web;

/** Request attributes the pipeline shares across packages. */
public final class RequestAttributes {

    /** Set by authentication to a short, non-secret principal description (e.g. {@code user:123}) for the access log. */
    public static final String PRINCIPAL = "gatehouse.principal";

    /** The request id chosen by {@link RequestTracingFilter}. */
    public static final String REQUEST_ID = "gatehouse.request_id";

    private RequestAttributes() {
    }
}
