package fr.clavardage.platform.web;

import fr.clavardage.platform.error.ClavardageException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON bodies are UTF-8 (RFC 8259). Jackson would otherwise guess UTF-16 or UTF-32 from a body's first
 * bytes, and fail with an error that is not a JSON one (a 500) when the guess is wrong, as for
 * {@code {\0\0\0"readingOrder":"x"}}. In UTF-8 no JSON text starts with a NUL or a UTF-16 byte-order
 * mark, so a body that does is refused as malformed before Jackson sees it; invalid UTF-8 further on
 * is caught by Jackson's own UTF-8 decoder.
 */
@Provider
public class Utf8Bodies implements ReaderInterceptor {

    private static final int HEAD = 4;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && MediaType.APPLICATION_JSON_TYPE.isCompatible(type)) {
            String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
            if (charset != null && !charset.strip().equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
                throw ClavardageException.unsupportedMediaType("unsupported_media_type",
                        "JSON bodies are UTF-8; this one declares " + charset + ".");
            }
            PushbackInputStream body = new PushbackInputStream(context.getInputStream(), HEAD);
            byte[] head = body.readNBytes(HEAD);
            if (!looksLikeUtf8(head)) {
                throw ClavardageException.badRequest("malformed_json", "The request body is not JSON in UTF-8.");
            }
            body.unread(head);
            context.setInputStream(body);
        }
        return context.proceed();
    }

    static boolean looksLikeUtf8(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        return head.length < 2 || !(head[0] == (byte) 0xFE && head[1] == (byte) 0xFF
                || head[0] == (byte) 0xFF && head[1] == (byte) 0xFE);
    }
}
