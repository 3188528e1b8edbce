package dev.gatehouse.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.gatehouse.audit.AuditOutcome;
import dev.gatehouse.audit.internal.AuditQuery;
import dev.gatehouse.platform.web.ApiException;

class AuditQueryParametersTest {

    @Test
    void noParametersMeanEverythingFiftyAtATime() {
        assertThat(params(null, null, null, null, null).toQuery()).isEqualTo(AuditQuery.all(50));
    }

    @Test
    void everyFilterIsParsed() {
        String cursor = AuditCursor.encode(120);
        AuditQuery query = new AuditQueryParameters("alice", "auth.login", "failure", "2025-01-01T00:00:00Z",
                "2025-02-01T00:00:00Z", "10", cursor).toQuery();

        assertThat(query).isEqualTo(new AuditQuery("alice", "auth.login", AuditOutcome.FAILURE,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"), 10, 120L));
    }

    @Test
    void aCursorRoundTripsAndIsOpaque() {
        String cursor = AuditCursor.encode(9_007_199_254_740_993L);

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(AuditCursor.decode(cursor)).isEqualTo(9_007_199_254_740_993L);
    }

    @Test
    void malformedCursorsAreRejected() {
        for (String cursor : List.of("%%%", "not base64!", "AAAA", b64("0"),
                b64("-5"), b64("12a"), b64("99999999999999999999"), "A".repeat(100))) {
            assertRejected(params(null, null, null, null, cursor), "cursor");
        }
    }

    @Test
    void badTimesOutcomesAndLimitsAreRejectedTogether() {
        ApiException error = rejected(new AuditQueryParameters(null, null, "maybe", "yesterday", "2025-13-01", "0",
                null));

        assertThat(fields(error)).containsExactlyInAnyOrder("outcome", "since", "until", "limit");
    }

    @Test
    void limitsOutsideOneToFiveHundredAreRejected() {
        for (String limit : List.of("0", "-1", "501", "ten", "1e3")) {
            assertRejected(params(null, null, null, limit, null), "limit");
        }
        assertThat(params(null, null, null, "500", null).toQuery().limit()).isEqualTo(500);
        assertThat(params(null, null, null, "1", null).toQuery().limit()).isEqualTo(1);
    }

    private static AuditQueryParameters params(String outcome, String since, String until, String limit,
            String cursor) {
        return new AuditQueryParameters(null, null, outcome, since, until, limit, cursor);
    }

    private static String b64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes());
    }

    private static void assertRejected(AuditQueryParameters parameters, String field) {
        assertThat(fields(rejected(parameters))).as(parameters.toString()).containsExactly(field);
    }

    private static ApiException rejected(AuditQueryParameters parameters) {
        try {
            parameters.toQuery();
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.code()).isEqualTo("validation_failed");
            return e;
        }
        throw new AssertionError("accepted " + parameters);
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ApiException error) {
        return ((List<Map<String, String>>) error.extensions().get("errors")).stream().map(m -> m.get("field")).toList();
    }
}
