package fr.clavardage.channel;

import fr.clavardage.platform.security.CurrentActor;
import fr.clavardage.platform.web.Bodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;

@Path("channels")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    @Inject
    ChannelService service;
    @Inject
    CurrentActor actor;

    @GET
    public List<ChannelView> mine() {
        return service.myChannels(actor.get());
    }

    @GET
    @Path("public")
    public List<ChannelView> browse(@QueryParam("after") String after,
                                    @QueryParam("limit") @DefaultValue("100") String limit) {
        return service.browsePublic(actor.get(), after, Bodies.intParam("limit", limit));
    }

    @POST
    public Response create(ChannelRequests.Create request, @Context UriInfo uri) {
        ChannelView created = service.create(actor.get(), Bodies.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Path("{channelId}")
    public ChannelView get(@PathParam("channelId") String channelId) {
        return service.get(actor.get(), Bodies.id(channelId));
    }

    @PATCH
    @Path("{channelId}")
    public ChannelView update(@PathParam("channelId") String channelId, ChannelRequests.Update request) {
        return service.update(actor.get(), Bodies.id(channelId), Bodies.required(request));
    }

    @GET
    @Path("{channelId}/members")
    public List<MemberView> members(@PathParam("channelId") String channelId) {
        return service.members(actor.get(), Bodies.id(channelId));
    }

    @POST
    @Path("{channelId}/members")
    public MemberView addMember(@PathParam("channelId") String channelId, ChannelRequests.AddMember request) {
        return service.addMember(actor.get(), Bodies.id(channelId), Bodies.required(request).userId());
    }

    @PATCH
    @Path("{channelId}/members/{userId}")
    public MemberView changeRole(@PathParam("channelId") String channelId, @PathParam("userId") String userId,
                                 ChannelRequests.ChangeRole request) {
        return service.changeRole(actor.get(), Bodies.id(channelId), userId, Bodies.required(request).role());
    }

    @DELETE
    @Path("{channelId}/members/{userId}")
    public Response removeMember(@PathParam("channelId") String channelId, @PathParam("userId") String userId) {
        service.removeMember(actor.get(), Bodies.id(channelId), userId);
        return Response.noContent().build();
    }
}
