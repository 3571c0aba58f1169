package fr.clavardage.platform.error;

/**
 * A failure the caller can act on: it carries a kind (which the REST layer turns into an HTTP status),
 * a stable machine-readable code and a message meant for people. Domain and service code throw it;
 * they never deal with HTTP themselves.
 */
public class ClavardageException extends RuntimeException {

    public enum Kind {
        BAD_REQUEST(400), UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409),
        TOO_LARGE(413), UNSUPPORTED_MEDIA_TYPE(415), INVALID(422);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;
    private final String code;
    private final String field;

    public ClavardageException(Kind kind, String code, String message, String field) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public static ClavardageException badRequest(String code, String message) {
        return new ClavardageException(Kind.BAD_REQUEST, code, message, null);
    }

    public static ClavardageException unauthenticated(String message) {
        return new ClavardageException(Kind.UNAUTHENTICATED, "unauthenticated", message, null);
    }

    public static ClavardageException forbidden(String code, String message) {
        return new ClavardageException(Kind.FORBIDDEN, code, message, null);
    }

    public static ClavardageException notFound(String code, String message) {
        return new ClavardageException(Kind.NOT_FOUND, code, message, null);
    }

    public static ClavardageException conflict(String code, String message) {
        return new ClavardageException(Kind.CONFLICT, code, message, null);
    }

    public static ClavardageException tooLarge(String code, String message) {
        return new ClavardageException(Kind.TOO_LARGE, code, message, null);
    }

    public static ClavardageException unsupportedMediaType(String code, String message) {
        return new ClavardageException(Kind.UNSUPPORTED_MEDIA_TYPE, code, message, null);
    }

    /** A well-formed request whose content breaks a rule; {@code field} names the offending input. */
    public static ClavardageException invalid(String field, String code, String message) {
        return new ClavardageException(Kind.INVALID, code, message, field);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
