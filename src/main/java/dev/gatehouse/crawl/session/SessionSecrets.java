package dev.gatehouse.crawl.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.platform.secrets.SecretBox;

/**
 * Seals a session's headers and cookie jar at rest. Both may carry credentials (a login cookie, an
 * {@code Authorization} header), so they are stored only as {@link SecretBox} values whose purpose
 * names the session: a jar copied into another session's row fails to open instead of being used.
 */
@Component
class SessionSecrets {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final TypeReference<List<StoredCookie>> COOKIES = new TypeReference<>() {
    };

    private final SecretBox box;
    private final JsonMapper json = JsonMapper.builder().build();

    SessionSecrets(SecretBox box) {
        this.box = box;
    }

    String sealHeaders(String sessionId, Map<String, String> headers) {
        return box.seal(json.writeValueAsBytes(headers), headersPurpose(sessionId));
    }

    /** In the order they were given. */
    Map<String, String> openHeaders(String sessionId, String sealed) {
        return new LinkedHashMap<>(json.readValue(box.open(sealed, headersPurpose(sessionId)), HEADERS));
    }

    String sealCookies(String sessionId, List<StoredCookie> cookies) {
        return box.seal(json.writeValueAsBytes(cookies), cookiesPurpose(sessionId));
    }

    List<StoredCookie> openCookies(String sessionId, String sealed) {
        return json.readValue(box.open(sealed, cookiesPurpose(sessionId)), COOKIES);
    }

    private static String headersPurpose(String sessionId) {
        return "crawl_sessions.headers:" + sessionId;
    }

    private static String cookiesPurpose(String sessionId) {
        return "crawl_sessions.cookies:" + sessionId;
    }
}
