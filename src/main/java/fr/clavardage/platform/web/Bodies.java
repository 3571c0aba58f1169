package fr.clavardage.platform.web;

import fr.clavardage.platform.error.ClavardageException;

/** Small guards for what resources receive before handing it to a service. */
public final class Bodies {

    private Bodies() {
    }

    public static <T> T required(T body) {
        if (body == null) {
            throw ClavardageException.badRequest("missing_body", "This request needs a JSON body.");
        }
        return body;
    }

    /** Ids in paths are positive numbers; anything else names nothing that exists. */
    public static long id(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // falls through to not found
        }
        throw ClavardageException.notFound("not_found", "No such resource.");
    }

    public static int intParam(String name, String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ClavardageException.badRequest("invalid_" + name, name + " must be a whole number.");
        }
    }

    public static Long optionalLongParam(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ClavardageException.badRequest("invalid_" + name, name + " must be a whole number.");
        }
    }
}
