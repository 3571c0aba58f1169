package fr.clavardage.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer: {@code {"error": "<stable_code>", "message": "<human text>"}}, plus
 * {@code "field"} naming the input at fault when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field) {

    /**
     * Messages and field names may echo what the client sent; a lone surrogate in them would make the
     * error itself impossible to write as UTF-8, so it becomes U+FFFD.
     */
    public ApiError {
        message = wellFormed(message);
        field = wellFormed(field);
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null);
    }

    /** The body for a status that has no more precise cause: the codes docs/api.md lists. */
    public static ApiError forStatus(int status) {
        return switch (status) {
            case 400 -> of("bad_request", "The request is malformed.");
            case 401 -> of("unauthenticated", "Sign in to the ERP first.");
            case 404 -> of("not_found", "No such resource.");
            case 405 -> of("method_not_allowed", "This method is not allowed on this resource.");
            case 406 -> of("not_acceptable", "This resource cannot answer in the requested media type.");
            case 413 -> of("payload_too_large", "The request body is too large.");
            case 414 -> of("uri_too_long", "The address is too long.");
            case 415 -> of("unsupported_media_type", "This content type is not accepted here; send application/json.");
            default -> status >= 500 ? of("internal_error", "An unexpected error occurred.")
                    : of("http_" + status, "HTTP status " + status + ".");
        };
    }

    private static String wellFormed(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
