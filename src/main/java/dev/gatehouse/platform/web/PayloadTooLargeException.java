package dev.gatehouse.platform.web;

import java.io.IOException;

/**
 * The request body passed {@code gatehouse.http.max-body-size} while being read. An
 * {@link IOException} so it travels through the JSON parser to {@link ProblemExceptionHandler}.
 */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limitBytes) {
        super("The request body is larger than the limit of " + limitBytes + " bytes.");
    }
}
