package fr.clavardage;

import fr.clavardage.channel.ChannelResource;
import fr.clavardage.emoji.EmojiResource;
import fr.clavardage.message.ChannelPostsResource;
import fr.clavardage.message.PostResource;
import fr.clavardage.platform.error.ClavardageExceptionMapper;
import fr.clavardage.platform.error.JsonInputExceptionMapper;
import fr.clavardage.platform.error.UnexpectedExceptionMapper;
import fr.clavardage.platform.error.WebApplicationExceptionMapper;
import fr.clavardage.platform.security.AuthenticationFilter;
import fr.clavardage.platform.security.SameOriginFilter;
import fr.clavardage.platform.security.WriteRateFilter;
import fr.clavardage.platform.web.ApiBase;
import fr.clavardage.platform.web.ControlCharacterFilter;
import fr.clavardage.platform.web.JsonMapperProvider;
import fr.clavardage.platform.web.NoStoreFilter;
import fr.clavardage.platform.web.UnreadBodies;
import fr.clavardage.platform.web.Utf8Bodies;
import fr.clavardage.profile.MeResource;
import fr.clavardage.profile.UserResource;
import fr.clavardage.typing.TypingResource;
import fr.clavardage.unread.UnreadResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.jackson.JacksonFeature;

/**
 * The composition root: the REST API, version 1, assembled from every feature's resource and the
 * platform's filters and mappers. It is the only class that knows all the features; nothing depends on
 * it. Resources and providers are listed here on purpose: letting Jersey scan WEB-INF/lib would switch
 * on providers we do not want (see docs/architecture.md). The event stream, {@code /api/v1/stream},
 * is a servlet of its own ({@code realtime.StreamServlet}), for non-blocking output.
 */
@ApplicationPath(ApiBase.PATH)
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                ChannelResource.class, ChannelPostsResource.class, PostResource.class, UserResource.class,
                MeResource.class, UnreadResource.class, EmojiResource.class, TypingResource.class,
                AuthenticationFilter.class, WriteRateFilter.class, SameOriginFilter.class, ControlCharacterFilter.class,
                NoStoreFilter.class,
                JsonMapperProvider.class, Utf8Bodies.class, UnreadBodies.class,
                ClavardageExceptionMapper.class, WebApplicationExceptionMapper.class,
                JsonInputExceptionMapper.class, UnexpectedExceptionMapper.class);
    }

    @Override
    public Set<Object> getSingletons() {
        // Jackson without its own exception mappers: ours answer with the API's error body.
        return Set.of(JacksonFeature.withoutExceptionMappers());
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
