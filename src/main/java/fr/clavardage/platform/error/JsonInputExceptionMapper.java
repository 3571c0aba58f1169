package fr.clavardage.platform.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Bodies that are not the JSON we expect: 400 with the field at fault, never Jackson's internals. */
@Provider
public class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            // Nesting or a number or name beyond Jackson's read limits: refused before it costs anything.
            return ErrorResponses.of(400, ApiError.of("invalid_json_value",
                    "The request body nests too deeply or holds a value too long to read."));
        }
        if (notJson(e)) {
            return ErrorResponses.of(400, ApiError.of("malformed_json", "The request body is not valid JSON."));
        }
        String field = e instanceof JsonMappingException mapping ? path(mapping) : null;
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ErrorResponses.of(400, new ApiError("unknown_field",
                    "Unknown field '" + unknown.getPropertyName() + "'.", field));
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            String message = field == null || field.isEmpty()
                    ? "The request body does not have the expected shape."
                    : "Field '" + field + "' has the wrong type.";
            return ErrorResponses.of(400, new ApiError("invalid_json_value", message, field));
        }
        return ErrorResponses.of(400, new ApiError("invalid_json_value", "The request body could not be read.", field));
    }

    /** Jackson wraps a parse error met while binding a field (say, invalid UTF-8 in a string). */
    private static boolean notJson(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException || cause instanceof java.io.CharConversionException) {
                return true;
            }
        }
        return false;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
