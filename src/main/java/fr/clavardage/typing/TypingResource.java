package fr.clavardage.typing;

import fr.clavardage.platform.security.CurrentActor;
import fr.clavardage.platform.web.Bodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("channels/{channelId}/typing")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TypingResource {

    @Inject
    TypingService service;
    @Inject
    CurrentActor actor;

    @POST
    public Response typing(@PathParam("channelId") String channelId) {
        service.typing(actor.get(), Bodies.id(channelId));
        return Response.noContent().build();
    }
}
