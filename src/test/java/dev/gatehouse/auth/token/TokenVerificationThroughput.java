package dev.gatehouse.auth.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.storage.SchemaMigrations;
import dev.gatehouse.support.TestDatabase;

/**
 * Access-token verifications per second on one thread (so: per core), for the bench scripts; not
 * a test. The cached figure is a token seen before (the common case: a client reuses its token
 * for up to 15 minutes); the uncached one is a full ES256 verification of distinct tokens.
 * Arguments: seconds per measurement (default 5), distinct tokens for the uncached run (default 500).
 */
public final class TokenVerificationThroughput {

    private static volatile long sink;

    private TokenVerificationThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Duration period = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        int distinct = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path dir = Files.createTempDirectory("gatehouse-token-bench-");
        try (TestDatabase database = TestDatabase.sqlite(dir)) {
            SchemaMigrations.flyway(database.dialect(), database.dataSource()).migrate();
            Clock clock = Clock.systemUTC();
            SigningKeys keys = new SigningKeys(new SigningKeyStore(JdbcClient.create(database.dataSource()),
                    TokenNode.randomSecretBox()), TokenNode.PROPERTIES, clock, new SecureRandom());
            keys.rotateIfDue();
            AccessTokenIssuer issuer = new AccessTokenIssuer(keys, TokenNode.PROPERTIES, clock);

            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < distinct; i++) {
                tokens.add(issuer.issue(new AccessTokenRequest("user-" + i, "org-1", Role.USER, "session-" + i)).token());
            }
            AccessTokenVerifier cached = new AccessTokenVerifier(keys, TokenNode.PROPERTIES, clock);
            AccessTokenVerifier uncached = new AccessTokenVerifier(keys, TokenNode.properties(0), clock);

            List<String> one = List.of(tokens.getFirst());
            measure(cached, one, Duration.ofSeconds(1));
            double cachedRate = measure(cached, one, period);
            measure(uncached, tokens, Duration.ofSeconds(1));
            double uncachedRate = measure(uncached, tokens, period);

            System.out.printf("token_verify_cached_ops_per_sec_per_core=%.0f%n", cachedRate);
            System.out.printf("token_verify_uncached_ops_per_sec_per_core=%.0f (%d distinct tokens)%n", uncachedRate, distinct);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double measure(AccessTokenVerifier verifier, List<String> tokens, Duration period) {
        long deadline = System.nanoTime() + period.toNanos();
        long start = System.nanoTime();
        long operations = 0;
        long checksum = 0;
        int size = tokens.size();
        while (true) {
            // check the time every 1,024 calls so the clock read is not what we measure
            for (int i = 0; i < 1_024; i++) {
                checksum += verifier.verify(tokens.get((int) (operations++ % size))).userId().length();
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                sink = checksum;
                return operations / ((now - start) / 1e9);
            }
        }
    }
}
