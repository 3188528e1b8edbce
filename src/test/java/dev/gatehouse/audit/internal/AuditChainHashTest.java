package dev.gatehouse.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class AuditChainHashTest {

    private static final Instant AT = Instant.ofEpochMilli(1_735_689_600_123L);

    @Test
    void theCanonicalFormIsTheDocumentedArray() {
        AuditEntry entry = entry("alice", null, "{\"b\":1}");

        assertThat(ChainHash.canonical(entry)).isEqualTo(
                "[7,1735689600123,\"alice\",null,\"auth.login\",\"user:\\\"bob\\\"\",\"success\",\"192.0.2.1\","
                        + "\"curl\\u0009x\",null,\"info\",\"{\\\"b\\\":1}\"]");
    }

    @Test
    void theHashIsSha256OfThePreviousHashAndTheCanonicalForm() throws Exception {
        AuditEntry entry = entry("alice", null, "{}");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((ChainHash.GENESIS + ChainHash.canonical(entry)).getBytes(StandardCharsets.UTF_8)));

        assertThat(ChainHash.of(entry)).isEqualTo(expected).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void absentAndEmptyHashDifferently() {
        assertThat(ChainHash.of(entry(null, null, "{}"))).isNotEqualTo(ChainHash.of(entry("", null, "{}")));
        assertThat(ChainHash.of(entry("a", null, "{}"))).isNotEqualTo(ChainHash.of(entry(null, "a", "{}")));
    }

    @Test
    void detailsAreWrittenWithSortedKeysWhateverTheMapOrder() {
        Map<String, Object> inserted = new LinkedHashMap<>();
        inserted.put("zeta", 1);
        inserted.put("alpha", Map.of("y", 2, "x", 1));
        String written = DetailsJson.write(inserted);

        assertThat(written).isEqualTo("{\"alpha\":{\"x\":1,\"y\":2},\"zeta\":1}");
        assertThat(DetailsJson.write(new TreeMap<>(inserted))).isEqualTo(written);
    }

    @Test
    void unreadableDetailsAreShownRawInsteadOfFailing() {
        assertThat(DetailsJson.read("tampered")).isEqualTo(Map.of("_raw", "tampered"));
    }

    private static AuditEntry entry(String actor, String org, String details) {
        return new AuditEntry(7, AT, actor, org, "auth.login", "user:\"bob\"", "success", "192.0.2.1", "curl\tx", null,
                "info", details, ChainHash.GENESIS, "");
    }
}
