package dev.gatehouse.inspection.web;

import dev.gatehouse.inspection.detect.Finding;

/**
 * A finding and where in the request it was: {@code path}, {@code query:q}, {@code header:user-agent},
 * {@code json:$.user.name}, {@code form:comment} or {@code body}. A location never holds the input,
 * and a name the client chose appears only when it is a plain identifier.
 */
record Detection(Finding finding, String location) {
}
