package fr.clavardage.platform.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ClavardageExceptionMapper implements ExceptionMapper<ClavardageException> {

    @Override
    public Response toResponse(ClavardageException e) {
        return ErrorResponses.of(e.kind().status, new ApiError(e.code(), e.getMessage(), e.field()));
    }
}
