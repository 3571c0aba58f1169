package fr.clavardage.emoji;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("emoji")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class EmojiResource {

    @Inject
    EmojiCatalog catalog;

    /** The same for everyone and stable for a release: browsers keep it for a day. */
    @GET
    public Response all() {
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(86_400);
        return Response.ok(catalog.json(), MediaType.APPLICATION_JSON_TYPE).cacheControl(cache).build();
    }
}
