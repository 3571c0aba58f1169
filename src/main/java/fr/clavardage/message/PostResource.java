package fr.clavardage.message;

import fr.clavardage.platform.security.CurrentActor;
import fr.clavardage.platform.web.Bodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** One message, addressed by its id. */
@Path("posts/{postId}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostResource {

    @Inject
    PostService service;
    @Inject
    CurrentActor actor;

    @GET
    public PostView get(@PathParam("postId") String postId) {
        return service.get(actor.get(), Bodies.id(postId));
    }

    @PATCH
    public PostView edit(@PathParam("postId") String postId, PostRequests.Edit request) {
        return service.edit(actor.get(), Bodies.id(postId), Bodies.required(request));
    }

    @DELETE
    public Response delete(@PathParam("postId") String postId) {
        service.delete(actor.get(), Bodies.id(postId));
        return Response.noContent().build();
    }
}
