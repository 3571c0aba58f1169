package fr.clavardage.platform.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Last resort: anything unforeseen is logged with an incident id and answered with that id only, so no
 * stack trace or SQL ever reaches a client. A database constraint that a concurrent request won the
 * race for is a conflict, not a crash; a database out of reach is a 503 to retry, not a crash either.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClavardageException known) {
                return new ClavardageExceptionMapper().toResponse(known);
            }
            if (cause instanceof ConstraintViolationException) {
                return ErrorResponses.of(409, ApiError.of("conflict",
                        "The change conflicts with another one made at the same time; reload and try again."));
            }
        }
        if (DatabaseBusy.causedBy(e)) {
            LOG.warning(() -> "Database busy: " + e);
            return Response.fromResponse(ErrorResponses.of(503, DatabaseBusy.error()))
                    .header("Retry-After", DatabaseBusy.RETRY_AFTER_SECONDS).build();
        }
        if (DatabaseUnavailable.causedBy(e)) {
            // Expected while the database restarts: one line, not a stack trace per request.
            LOG.warning(() -> "Database unavailable: " + e);
            return Response.fromResponse(ErrorResponses.of(503, DatabaseUnavailable.error()))
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return ErrorResponses.of(500, ApiError.of("internal_error",
                "An unexpected error occurred (incident " + incident + ")."));
    }
}
