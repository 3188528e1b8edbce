package dev.gatehouse.platform.secrets;

/** A sealed value could not be opened: tampered, truncated, or sealed under another key or purpose. */
public class SecretBoxException extends RuntimeException {

    public SecretBoxException(String message) {
        super(message);
    }
}
