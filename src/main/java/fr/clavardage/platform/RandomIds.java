package fr.clavardage.platform;

import java.security.SecureRandom;

/**
 * Ids for channels and posts that say nothing about how many others were made. A global counter
 * did: the gap between two of one's own posts counted the posts sent meanwhile in channels one cannot
 * see. Random in [1, 2<sup>53</sup>), so they stay exact numbers in JavaScript and in JSON.
 */
public final class RandomIds {

    /** Exclusive bound: JavaScript's {@code Number.MAX_SAFE_INTEGER} + 1. */
    public static final long BOUND = 1L << 53;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /**
     * A fresh id. Two equal ids among ten million rows have a chance of about one in a billion per
     * insert; the primary key refuses the second (409 {@code conflict}) and a retry draws again.
     */
    public static long next() {
        long id;
        do {
            id = RANDOM.nextLong() & (BOUND - 1);
        } while (id == 0);
        return id;
    }
}
