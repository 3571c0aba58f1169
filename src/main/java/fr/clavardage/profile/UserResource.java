package fr.clavardage.profile;

import fr.clavardage.platform.security.CurrentActor;
import fr.clavardage.platform.web.Bodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

@Path("users")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    ProfileService service;
    @Inject
    CurrentActor actor;

    /** The users column, a page at a time; see docs/api.md for the order and the filters. */
    @GET
    public UserPage list(@QueryParam("q") String q, @QueryParam("ids") String ids, @QueryParam("status") String status,
                         @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") String limit,
                         @Context UriInfo uri) {
        List<String> idList = ids == null ? null
                : Arrays.stream(ids.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
        return service.users(actor.get(), new UserColumn.Query(q, idList,
                status == null || status.isBlank() ? null : status, cursor == null || cursor.isBlank() ? null : cursor,
                Bodies.intParam("limit", limit)), avatarBase(uri));
    }

    @GET
    @Path("me")
    public UserView me(@Context UriInfo uri) {
        return service.user(actor.get(), actor.get().userId(), avatarBase(uri));
    }

    @GET
    @Path("{userId}")
    public UserView one(@PathParam("userId") String userId, @Context UriInfo uri) {
        return service.user(actor.get(), userId, avatarBase(uri));
    }

    @PATCH
    @Path("{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserView update(@PathParam("userId") String userId, ProfileRequests.Update request, @Context UriInfo uri) {
        return service.update(actor.get(), userId, Bodies.required(request), avatarBase(uri));
    }

    /** The picture is the raw request body (PNG, JPEG or GIF, at most 5 MB), stored resized to 256×256. */
    @PUT
    @Path("{userId}/avatar")
    @Consumes(MediaType.WILDCARD)
    public UserView replaceAvatar(@PathParam("userId") String userId, InputStream picture,
                                  @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context UriInfo uri) {
        return service.replaceAvatar(actor.get(), userId, picture, contentType, avatarBase(uri));
    }

    @DELETE
    @Path("{userId}/avatar")
    public UserView removeAvatar(@PathParam("userId") String userId, @Context UriInfo uri) {
        return service.removeAvatar(actor.get(), userId, avatarBase(uri));
    }

    /** Avatar URLs carry a version that changes with the picture, so a versioned one is cached for good. */
    @GET
    @Path("{userId}/avatar")
    @Produces({"image/png", "image/svg+xml"})
    public Response avatar(@PathParam("userId") String userId, @QueryParam("v") String version) {
        actor.get();
        ProfileService.Picture picture = service.avatar(userId);
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(version == null ? 60 : 31_536_000);
        return Response.ok(picture.bytes(), picture.contentType())
                .cacheControl(cache)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .build();
    }

    private static String avatarBase(UriInfo uri) {
        return uri.getBaseUri().getRawPath() + "users/";
    }
}
