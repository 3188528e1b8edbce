package dev.gatehouse.platform.ids;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;

/**
 * New record ids: UUIDv7 (RFC 9562) strings. Time-ordered, so primary-key indexes stay append-mostly
 * and "newest first" is an id order; random enough that ids are not guessable.
 */
public final class Ids {

    private static final TimeBasedEpochRandomGenerator GENERATOR = Generators.timeBasedEpochRandomGenerator();

    private Ids() {
    }

    public static String newId() {
        return GENERATOR.generate().toString();
    }
}
