package fr.clavardage.platform.error;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Errors raised by Jersey itself (unknown path, wrong method, wrong content type) get our body too. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ApiError body;
        if (e instanceof NotFoundException) {
            body = ApiError.of("not_found", "No such resource.");
        } else if (e instanceof NotAllowedException) {
            body = ApiError.of("method_not_allowed", "This method is not allowed on this resource.");
        } else if (e instanceof NotSupportedException) {
            body = ApiError.of("unsupported_media_type", "This content type is not accepted here; send application/json.");
        } else if (e instanceof NotAcceptableException) {
            body = ApiError.of("not_acceptable", "This resource cannot answer in the requested media type.");
        } else if (status == 400) {
            body = ApiError.of("bad_request", "The request is malformed.");
        } else if (status == 413) {
            body = ApiError.of("payload_too_large", "The request body is too large.");
        } else if (status >= 500) {
            body = ApiError.of("internal_error", "An unexpected error occurred.");
        } else {
            body = ApiError.of("http_" + status, Response.Status.Family.familyOf(status) + " " + status);
        }
        Response.ResponseBuilder builder = Response.fromResponse(e.getResponse()).entity(body)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE);
        return builder.build();
    }
}
