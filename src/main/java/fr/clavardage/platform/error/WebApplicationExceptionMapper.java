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
            body = ApiError.forStatus(404);
        } else if (e instanceof NotAllowedException) {
            body = ApiError.forStatus(405);
        } else if (e instanceof NotSupportedException) {
            body = ApiError.forStatus(415);
        } else if (e instanceof NotAcceptableException) {
            body = ApiError.forStatus(406);
        } else {
            body = ApiError.forStatus(status);
        }
        Response.ResponseBuilder builder = Response.fromResponse(e.getResponse()).entity(body)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE);
        return builder.build();
    }
}
