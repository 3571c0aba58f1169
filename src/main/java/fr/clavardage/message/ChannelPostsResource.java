package fr.clavardage.message;

import fr.clavardage.platform.security.CountsAsPost;
import fr.clavardage.platform.security.CurrentActor;
import fr.clavardage.platform.web.Bodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** A channel's history and the way to add to it. */
@Path("channels/{channelId}/posts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelPostsResource {

    @Inject
    PostService service;
    @Inject
    CurrentActor actor;

    @GET
    public PostPage page(@PathParam("channelId") String channelId, @QueryParam("before") String before,
                         @QueryParam("limit") @DefaultValue("50") String limit) {
        return service.page(actor.get(), Bodies.id(channelId), Bodies.optionalLongParam("before", before),
                Bodies.intParam("limit", limit));
    }

    /** 201 for a new post; 200 with the first post when a client key shows this is a retry. */
    @POST
    @CountsAsPost
    public Response create(@PathParam("channelId") String channelId, PostRequests.Create request,
                           @Context UriInfo uri) {
        PostService.Sent sent = service.create(actor.get(), Bodies.id(channelId), Bodies.required(request));
        if (sent.replayed()) {
            return Response.ok(sent.post()).header("Idempotent-Replayed", "true").build();
        }
        return Response.created(uri.getBaseUriBuilder().path("posts").path(String.valueOf(sent.post().id())).build())
                .entity(sent.post()).build();
    }
}
