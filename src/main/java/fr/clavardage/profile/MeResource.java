package fr.clavardage.profile;

import fr.clavardage.platform.security.CurrentActor;
import fr.clavardage.platform.web.Bodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The signed-in user's own session and preferences. */
@Path("me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    ProfileService service;
    @Inject
    CurrentActor actor;

    @GET
    public SessionView session(@Context UriInfo uri) {
        return service.session(actor.get(), avatarBase(uri));
    }

    @PATCH
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    public SessionView preferences(ProfileRequests.Preferences preferences, @Context UriInfo uri) {
        return service.choosePreferences(actor.get(), Bodies.required(preferences), avatarBase(uri));
    }

    /** The user is at the keyboard (the page reports input now and then): keeps them from going away. */
    @POST
    @Path("activity")
    public Response activity() {
        actor.get();
        return Response.noContent().build();
    }

    private static String avatarBase(UriInfo uri) {
        return uri.getBaseUri().getRawPath() + "users/";
    }
}
