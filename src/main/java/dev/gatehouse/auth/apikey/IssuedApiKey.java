package dev.gatehouse.auth.apikey;

/** A key just created or rotated, with its secret: the only time the secret exists outside the caller. */
public record IssuedApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", secret=redacted]";
    }
}
