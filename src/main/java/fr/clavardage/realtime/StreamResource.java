package fr.clavardage.realtime;

import fr.clavardage.platform.security.CurrentActor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** The signed-in user's event stream (Server-Sent Events). */
@Path("stream")
@RequestScoped
public class StreamResource {

    @Inject
    StreamService service;
    @Inject
    CurrentActor actor;

    /** {@code Last-Event-ID} (sent by browsers when they reconnect) or {@code ?lastEventId=} resumes. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse,
                       @HeaderParam("Last-Event-ID") String lastEventHeader,
                       @QueryParam("lastEventId") String lastEventParam) throws Exception {
        String raw = lastEventHeader != null && !lastEventHeader.isBlank() ? lastEventHeader : lastEventParam;
        Long lastEventId = null;
        if (raw != null && !raw.isBlank()) {
            try {
                lastEventId = Long.parseLong(raw.strip());
            } catch (NumberFormatException e) {
                lastEventId = null;
            }
        }
        service.open(actor.get().userId(), sink, sse, lastEventId);
    }
}
